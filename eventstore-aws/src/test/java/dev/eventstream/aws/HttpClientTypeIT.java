package dev.eventstream.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.testkit.moto.MotoServer;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/** Each HTTP client an application can choose carries real requests, and is the one the settings name. */
class HttpClientTypeIT {
    private static final URI MOTO = MotoServer.shared().endpoint();

    @ParameterizedTest
    @EnumSource(HttpClientType.class)
    void theChosenClientSendsRequestsAndReadsAnswersAndErrors(HttpClientType type) {
        AwsClientSettings settings = EmulatorClients.settings(MOTO).toBuilder().httpClient(type).build();
        String name = "http-" + type.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID();

        try (SdkHttpClient http = AwsClients.httpClient(settings);
                SnsClient sns = AwsClients.configure(SnsClient.builder(), settings, http).build()) {
            assertThat(http).isInstanceOf(switch (type) {
                case APACHE5 -> Apache5HttpClient.class;
                case URL_CONNECTION -> UrlConnectionHttpClient.class;
                case CRT -> AwsCrtHttpClient.class;
            });
            String arn = sns.createTopic(b -> b.name(name)).topicArn();
            assertThat(sns.getTopicAttributes(b -> b.topicArn(arn)).attributes()).containsEntry("TopicArn", arn);
            // An error answer is read through the same client and becomes the SDK's exception.
            assertThatThrownBy(() -> sns.getTopicAttributes(b -> b.topicArn(arn + "-missing")))
                    .isInstanceOf(NotFoundException.class);
        }
    }
}
