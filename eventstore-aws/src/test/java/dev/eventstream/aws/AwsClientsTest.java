package dev.eventstream.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.testkit.RecordingTelemetry;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
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

    @Test
    void aClientReportsItsRequestsOnlyWhenTheSettingsCarryATelemetry() {
        // given
        AwsClientSettings plain = EmulatorClients.settings(URI.create("http://127.0.0.1:4566"));
        AwsClientSettings reporting = plain.toBuilder().telemetry(new RecordingTelemetry()).build();

        // when
        try (SnsClient silent = AwsClients.create(SnsClient.builder(), plain);
                SnsClient reported = AwsClients.create(SnsClient.builder(), reporting)) {
            // then
            assertThat(silent.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
                    .noneMatch(TelemetryInterceptor.class::isInstance);
            assertThat(reported.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
                    .filteredOn(TelemetryInterceptor.class::isInstance).hasSize(1);
            assertThat(reported.serviceClientConfiguration().overrideConfiguration().retryStrategy())
                    .hasValueSatisfying(r -> assertThat(r.maxAttempts()).isEqualTo(3));
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

    @Test
    void aClientOnAGivenHttpClientHasTheSettingsAndLeavesTheHttpClientToItsCaller() {
        // given
        AwsClientSettings settings = EmulatorClients.settings(URI.create("http://127.0.0.1:4566"));
        AtomicBoolean httpClosed = new AtomicBoolean();
        SdkHttpClient apache = AwsClients.httpClient(settings);
        SdkHttpClient http = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                return apache.prepareRequest(request);
            }

            @Override
            public void close() {
                httpClosed.set(true);
                apache.close();
            }
        };

        // when
        try (SnsClient client = AwsClients.configure(SnsClient.builder(), settings, http).build()) {
            // then
            assertThat(client.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:4566"));
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(EmulatorClients.REGION);
        }
        assertThat(httpClosed).isFalse();
        http.close();
    }
}
