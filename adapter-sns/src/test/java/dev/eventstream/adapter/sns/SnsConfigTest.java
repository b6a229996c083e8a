package dev.eventstream.adapter.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class SnsConfigTest {
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:orders";

    @Test
    void defaultsTakeTheRegionFromTheTopicArn() {
        // when
        SnsConfig config = SnsConfig.builder(TOPIC).build();

        // then
        assertThat(config.topicArn()).isEqualTo(TOPIC);
        assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(config.credentialsProvider()).isNull();
        assertThat(config.endpointUrl()).isNull();
        assertThat(config.maxRetries()).isEqualTo(SnsConfig.DEFAULT_MAX_RETRIES);
        assertThat(config.connectTimeout()).isEqualTo(SnsConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(config.socketTimeout()).isEqualTo(SnsConfig.DEFAULT_SOCKET_TIMEOUT);
        assertThat(config.maxConnections()).isEqualTo(SnsConfig.DEFAULT_MAX_CONNECTIONS);
        assertThat(config.fifo()).isFalse();
    }

    @Test
    void everySettingIsKeptAndSurvivesToBuilder() {
        // given
        AnonymousCredentialsProvider credentials = AnonymousCredentialsProvider.create();

        // when
        SnsConfig config = SnsConfig.builder("arn:aws:sns:us-east-1:123456789012:orders.fifo")
                .region("us-east-1")
                .credentialsProvider(credentials)
                .endpointUrl("http://127.0.0.1:4566")
                .maxRetries(0)
                .connectTimeout(Duration.ofMillis(500))
                .socketTimeout(Duration.ofSeconds(5))
                .maxConnections(4)
                .build();

        // then
        assertThat(config.fifo()).isTrue();
        assertThat(config.credentialsProvider()).isSameAs(credentials);
        assertThat(config.endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(config.maxRetries()).isZero();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxConnections()).isEqualTo(4);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void aTopicArnThatIsNotAnSnsTopicIsRejected() {
        assertThatThrownBy(() -> SnsConfig.builder("orders").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topicArn must be an SNS topic ARN")
                .hasMessageContaining("'orders'");
        assertThatThrownBy(() -> SnsConfig.builder("arn:aws:sqs:us-east-1:123456789012:orders").build())
                .hasMessageContaining("topicArn");
        assertThatThrownBy(() -> SnsConfig.builder("arn:aws:sns:us-east-1:123456789012:a" + "b".repeat(256)).build())
                .hasMessageContaining("topicArn");
        assertThatThrownBy(() -> SnsConfig.builder(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("topicArn is null");
    }

    @Test
    void aRegionOtherThanTheTopicsIsRejected() {
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).region("us-east-1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region us-east-1 differs from the region of topicArn " + TOPIC);
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).region(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("region must be a region name");
    }

    @Test
    void anEndpointUrlMustBeAnHttpUrlWithAHost() {
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).endpointUrl("localhost:4566").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpointUrl must be an absolute http or https URL");
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).endpointUrl("ftp://localhost").build())
                .hasMessageStartingWith("endpointUrl");
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).endpointUrl("http://bad host").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpointUrl is not a valid URL");
    }

    @Test
    void retriesTimeoutsAndConnectionsMustBeInRange() {
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).maxRetries(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetries must be between 0 and 20, was -1");
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).maxRetries(21).build())
                .hasMessage("maxRetries must be between 0 and 20, was 21");
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).connectTimeout(Duration.ZERO).build())
                .hasMessage("connectTimeout must be from 1 ms to 1 hour, was PT0S");
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).socketTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("socketTimeout must be from 1 ms to 1 hour, was PT-1S");
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).socketTimeout(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("socketTimeout is null");
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).maxConnections(0).build())
                .hasMessage("maxConnections must be at least 1, was 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.000999S", "PT1H0.001S", "PT2562047788015215H30M7S"})
    void connectTimeoutOutsideOneMillisecondToOneHourIsRejected(Duration timeout) {
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).connectTimeout(timeout).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout must be from 1 ms to 1 hour, was " + timeout);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.000999S", "PT1H0.001S", "PT2562047788015215H30M7S"})
    void socketTimeoutOutsideOneMillisecondToOneHourIsRejected(Duration timeout) {
        assertThatThrownBy(() -> SnsConfig.builder(TOPIC).socketTimeout(timeout).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("socketTimeout must be from 1 ms to 1 hour, was " + timeout);
    }
}
