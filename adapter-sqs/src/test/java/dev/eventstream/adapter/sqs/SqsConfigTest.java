package dev.eventstream.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class SqsConfigTest {
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:orders";

    @Test
    void defaultsTakeTheRegionFromTheTopicArn() {
        // when
        SqsConfig config = SqsConfig.builder(TOPIC).build();

        // then
        assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(config.credentialsProvider()).isNull();
        assertThat(config.endpointUrl()).isNull();
        assertThat(config.maxRetries()).isEqualTo(SqsConfig.DEFAULT_MAX_RETRIES);
        assertThat(config.connectTimeout()).isEqualTo(SqsConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(config.socketTimeout()).isEqualTo(SqsConfig.DEFAULT_SOCKET_TIMEOUT);
        assertThat(config.maxConnections()).isEqualTo(SqsConfig.DEFAULT_MAX_CONNECTIONS);
        assertThat(config.queueNamePrefix()).isEqualTo("eventstream");
        assertThat(config.consumerGroup()).isNull();
        assertThat(config.waitTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxMessages()).isEqualTo(10);
        assertThat(config.deduplicationCapacity()).isEqualTo(10_000);
        assertThat(config.maxDeliveryAttempts()).isEqualTo(SqsConfig.UNLIMITED_DELIVERY_ATTEMPTS);
        assertThat(config.fifo()).isFalse();
    }

    @Test
    void everySettingIsKeptAndSurvivesToBuilder() {
        // given
        AnonymousCredentialsProvider credentials = AnonymousCredentialsProvider.create();

        // when
        SqsConfig config = SqsConfig.builder("arn:aws:sns:us-east-1:123456789012:orders.fifo")
                .region("us-east-1")
                .credentialsProvider(credentials)
                .endpointUrl("http://127.0.0.1:4566")
                .maxRetries(5)
                .connectTimeout(Duration.ofMillis(500))
                .socketTimeout(Duration.ofSeconds(10))
                .maxConnections(3)
                .queueNamePrefix("billing_svc")
                .consumerGroup("invoicing")
                .waitTime(Duration.ofSeconds(5))
                .visibilityTimeout(Duration.ofMinutes(2))
                .maxMessages(1)
                .deduplicationCapacity(50)
                .maxDeliveryAttempts(3)
                .build();

        // then
        assertThat(config.fifo()).isTrue();
        assertThat(config.credentialsProvider()).isSameAs(credentials);
        assertThat(config.endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.queueNamePrefix()).isEqualTo("billing_svc");
        assertThat(config.consumerGroup()).isEqualTo("invoicing");
        assertThat(config.waitTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.visibilityTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxMessages()).isEqualTo(1);
        assertThat(config.deduplicationCapacity()).isEqualTo(50);
        assertThat(config.maxDeliveryAttempts()).isEqualTo(3);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void theTopicRegionAndEndpointAreChecked() {
        assertThatThrownBy(() -> SqsConfig.builder("arn:aws:sqs:us-east-1:123456789012:orders").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topicArn must be an SNS topic ARN");
        assertThatThrownBy(() -> SqsConfig.builder(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("topicArn is null");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).region("us-east-1").build())
                .hasMessage("region us-east-1 differs from the region of topicArn " + TOPIC);
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).endpointUrl("localhost:4566").build())
                .hasMessageStartingWith("endpointUrl must be an absolute http or https URL");
    }

    @Test
    void queueNamingSettingsMustFitAnSqsQueueName() {
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).queueNamePrefix("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queueNamePrefix must be 1 to 20 of A-Z, a-z, 0-9, '-' and '_', was ''");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).queueNamePrefix("my.app").build())
                .hasMessageStartingWith("queueNamePrefix");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).queueNamePrefix("p".repeat(21)).build())
                .hasMessageStartingWith("queueNamePrefix");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).queueNamePrefix(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("queueNamePrefix is null");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).consumerGroup("billing team").build())
                .hasMessage("consumerGroup must be 1 to 24 of A-Z, a-z, 0-9, '-' and '_', was 'billing team'");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).consumerGroup("g".repeat(25)).build())
                .hasMessageStartingWith("consumerGroup");
    }

    @Test
    void pollingSettingsMustBeWithinWhatSqsAccepts() {
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).waitTime(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waitTime must be whole seconds from PT1S to PT20S, was PT0S");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).waitTime(Duration.ofSeconds(21)).build())
                .hasMessageStartingWith("waitTime");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).waitTime(Duration.ofMillis(1500)).build())
                .hasMessageStartingWith("waitTime");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).visibilityTimeout(Duration.ofHours(13)).build())
                .hasMessage("visibilityTimeout must be whole seconds from PT1S to PT12H, was PT13H");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).visibilityTimeout(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("visibilityTimeout is null");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).maxMessages(11).build())
                .hasMessage("maxMessages must be between 1 and 10, was 11");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).maxMessages(0).build())
                .hasMessage("maxMessages must be between 1 and 10, was 0");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).deduplicationCapacity(0).build())
                .hasMessage("deduplicationCapacity must be at least 1, was 0");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).maxDeliveryAttempts(-1).build())
                .hasMessage("maxDeliveryAttempts must be at least 0, was -1");
    }

    @Test
    void theSocketTimeoutMustOutlastALongPoll() {
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).socketTimeout(Duration.ofSeconds(20)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("socketTimeout (PT20S) must be longer than waitTime (PT20S)");
        assertThat(SqsConfig.builder(TOPIC).socketTimeout(Duration.ofSeconds(3)).waitTime(Duration.ofSeconds(2))
                .build().socketTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void retriesTimeoutsAndConnectionsMustBeInRange() {
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).maxRetries(-1).build())
                .hasMessage("maxRetries must be between 0 and 20, was -1");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).connectTimeout(Duration.ZERO).build())
                .hasMessage("connectTimeout must be from 1 ms to 1 hour, was PT0S");
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).maxConnections(0).build())
                .hasMessage("maxConnections must be at least 1, was 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.000999S", "PT1H0.001S", "PT2562047788015215H30M7S"})
    void connectTimeoutOutsideOneMillisecondToOneHourIsRejected(Duration timeout) {
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).connectTimeout(timeout).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout must be from 1 ms to 1 hour, was " + timeout);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.000999S", "PT1H0.001S", "PT2562047788015215H30M7S"})
    void socketTimeoutOutsideOneMillisecondToOneHourIsRejected(Duration timeout) {
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).socketTimeout(timeout).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("socketTimeout must be from 1 ms to 1 hour, was " + timeout);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT-1S", "PT0.999S", "PT20.001S", "PT2562047788015215H30M7S"})
    void waitTimeOutsideOneToTwentyWholeSecondsIsRejected(Duration waitTime) {
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).waitTime(waitTime).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waitTime must be whole seconds from PT1S to PT20S, was " + waitTime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S", "PT1.5S", "PT12H1S", "PT2562047788015215H30M7S"})
    void visibilityTimeoutOutsideOneSecondToTwelveHoursInWholeSecondsIsRejected(Duration visibilityTimeout) {
        assertThatThrownBy(() -> SqsConfig.builder(TOPIC).visibilityTimeout(visibilityTimeout).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("visibilityTimeout must be whole seconds from PT1S to PT12H, was " + visibilityTimeout);
    }
}
