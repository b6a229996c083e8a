package dev.eventstream.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.aws.testing.EmulatorClients;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsServiceClientConfiguration;

class AwsClientsTest {

    @Test
    void aClientIsBuiltWithTheEndpointRegionCredentialsAndRetriesOfTheSettings() {
        // given
        AwsClientSettings settings = EmulatorClients.settings(URI.create("http://127.0.0.1:4566")).toBuilder()
                .maxRetries(5)
                .build();

        // when
        try (SnsClient client = AwsClients.create(SnsClient.builder(), settings)) {
            // then
            SnsServiceClientConfiguration configuration = client.serviceClientConfiguration();
            assertThat(configuration.endpointOverride()).contains(URI.create("http://127.0.0.1:4566"));
            assertThat(configuration.region()).isEqualTo(EmulatorClients.REGION);
            assertThat(configuration.credentialsProvider()).isSameAs(EmulatorClients.CREDENTIALS);
            ClientOverrideConfiguration overrides = configuration.overrideConfiguration();
            assertThat(overrides.retryStrategy()).hasValueSatisfying(r -> assertThat(r.maxAttempts()).isEqualTo(6));
        }
    }

    @ParameterizedTest(name = "connect {0}, socket {1}")
    @CsvSource({"PT0.001S, PT1H", "PT1H, PT0.001S"})
    void aClientIsBuiltAtBothEndsOfTheTimeoutRanges(Duration connectTimeout, Duration socketTimeout) {
        // given
        AwsClientSettings settings = EmulatorClients.settings(URI.create("http://127.0.0.1:4566")).toBuilder()
                .connectTimeout(connectTimeout)
                .socketTimeout(socketTimeout)
                .build();

        // when
        try (SnsClient client = AwsClients.create(SnsClient.builder(), settings)) {
            // then
            assertThat(client.serviceClientConfiguration().endpointOverride()).isPresent();
        }
    }
}
