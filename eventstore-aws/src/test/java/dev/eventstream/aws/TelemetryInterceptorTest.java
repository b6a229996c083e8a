package dev.eventstream.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.testkit.RecordingTelemetry;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;

/** What a client built with a telemetry reports, on an HTTP client that answers as each test scripts it. */
class TelemetryInterceptorTest {
    private static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:orders.fifo";
    private static final String PUBLISHED = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>m-1</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>";

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private final ScriptedHttpClient http = new ScriptedHttpClient();

    @Test
    void aRequestTheSdkRetriedIsReportedOnceWithEveryAttempt() {
        // given
        http.answer(500, error("Receiver", "InternalError")).answer(200, PUBLISHED);

        // when
        try (SnsClient sns = client(telemetry, 2, RequestDetails.standard())) {
            sns.publish(b -> b.topicArn(TOPIC_ARN).message("hello").messageGroupId("g"));
        }

        // then
        assertThat(http.requests()).isEqualTo(2);
        assertThat(telemetry.awsRequests()).containsExactly(
                new AwsRequest("SNS", "Publish", List.of("orders.fifo"), 2, null, null, List.of()));
    }

    @Test
    void aRequestThrottledToTheEndIsReportedWithItsErrorCodeAsTheReason() {
        // given
        http.answer(400, error("Sender", "Throttling")).answer(400, error("Sender", "Throttling"));

        // when
        try (SnsClient sns = client(telemetry, 1, RequestDetails.standard())) {
            assertThatThrownBy(() -> sns.publish(b -> b.topicArn(TOPIC_ARN).message("hello")))
                    .isInstanceOf(SnsException.class);
        }

        // then
        assertThat(telemetry.awsRequests()).containsExactly(
                new AwsRequest("SNS", "Publish", List.of("orders.fifo"), 2, "Throttling", "Throttling", List.of()));
    }

    @Test
    void aRefusedRequestIsReportedWithAwsErrorCodeAndNoThrottling() {
        // given
        http.answer(404, error("Sender", "NotFound"));

        // when
        try (SnsClient sns = client(telemetry, 2, RequestDetails.standard())) {
            assertThatThrownBy(() -> sns.getTopicAttributes(b -> b.topicArn(TOPIC_ARN)))
                    .isInstanceOf(SnsException.class);
        }

        // then
        assertThat(telemetry.awsRequests()).containsExactly(
                new AwsRequest("SNS", "GetTopicAttributes", List.of("orders.fifo"), 1, "NotFound", null, List.of()));
    }

    @Test
    void aRequestThatGotNoAnswerIsReportedAsAnIoException() {
        // given
        http.noAnswer();

        // when
        try (SnsClient sns = client(telemetry, 0, RequestDetails.standard())) {
            assertThatThrownBy(() -> sns.publish(b -> b.topicArn(TOPIC_ARN).message("hello")));
        }

        // then
        assertThat(telemetry.awsRequests()).singleElement().satisfies(request -> {
            assertThat(request.errorCode()).isEqualTo("IOException");
            assertThat(request.attempts()).isEqualTo(1);
            assertThat(request.throttleReason()).isNull();
        });
    }

    @Test
    void theDetailsModifyTheRequestAndGiveItsCapacityAndThrottleReason() {
        // given
        AtomicInteger modified = new AtomicInteger();
        RequestDetails details = new RequestDetails() {
            @Override
            public SdkRequest modify(SdkRequest request) {
                modified.incrementAndGet();
                return request;
            }

            @Override
            public List<String> resources(SdkRequest request) {
                return List.of("a", "b");
            }

            @Override
            public List<Double> consumedCapacity(SdkRequest request, SdkResponse response) {
                return List.of(1.0, 2.5);
            }

            @Override
            public String throttleReason(Throwable failure) {
                return "TableWriteProvisionedThroughputExceeded";
            }
        };
        http.answer(200, PUBLISHED).answer(400, error("Sender", "InvalidParameter"));

        // when
        try (SnsClient sns = client(telemetry, 0, details)) {
            sns.publish(b -> b.topicArn(TOPIC_ARN).message("hello"));
            assertThatThrownBy(() -> sns.publish(b -> b.topicArn(TOPIC_ARN).message("hello")));
        }

        // then
        assertThat(modified).hasValue(2);
        assertThat(telemetry.awsRequests()).containsExactly(
                new AwsRequest("SNS", "Publish", List.of("a", "b"), 1, null, null, List.of(1.0, 2.5)),
                new AwsRequest("SNS", "Publish", List.of("a", "b"), 1, "InvalidParameter",
                        "TableWriteProvisionedThroughputExceeded", List.of()));
    }

    @Test
    void aTelemetryThatThrowsNeverFailsTheRequest() {
        // given
        StoreTelemetry failing = new FailingTelemetry();
        http.answer(200, PUBLISHED);

        // when
        try (SnsClient sns = client(failing, 0, RequestDetails.standard())) {
            // then
            assertThat(sns.publish(b -> b.topicArn(TOPIC_ARN).message("hello")).messageId()).isEqualTo("m-1");
        }
    }

    @Test
    void detailsThatThrowNeverFailTheRequestWhichIsReportedWithoutThem() {
        // given
        RequestDetails failing = new RequestDetails() {
            @Override
            public SdkRequest modify(SdkRequest request) {
                throw new IllegalStateException("broken details");
            }

            @Override
            public List<String> resources(SdkRequest request) {
                throw new IllegalStateException("broken details");
            }

            @Override
            public List<Double> consumedCapacity(SdkRequest request, SdkResponse response) {
                throw new IllegalStateException("broken details");
            }
        };
        http.answer(200, PUBLISHED);

        // when
        try (SnsClient sns = client(telemetry, 0, failing)) {
            assertThat(sns.publish(b -> b.topicArn(TOPIC_ARN).message("hello")).messageId()).isEqualTo("m-1");
        }

        // then
        assertThat(telemetry.awsRequests()).containsExactly(
                new AwsRequest("SNS", "Publish", List.of(), 1, null, null, List.of()));
    }

    private SnsClient client(StoreTelemetry telemetry, int maxRetries, RequestDetails details) {
        AwsClientSettings settings = EmulatorClients.settings(URI.create("http://127.0.0.1:1")).toBuilder()
                .maxRetries(maxRetries)
                .telemetry(telemetry)
                .build();
        if (details == RequestDetails.standard()) {
            return AwsClients.configure(SnsClient.builder(), settings, http).build();
        }
        // Only the scripted HTTP client, in place of the one the settings describe.
        return AwsClients.configure(SnsClient.builder(), settings, details).httpClientBuilder(null).httpClient(http)
                .build();
    }

    private static String error(String type, String code) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type
                + "</Type><Code>" + code + "</Code><Message>scripted</Message></Error><RequestId>r-2</RequestId>"
                + "</ErrorResponse>";
    }

    /** Throws from every call, as a telemetry must not. */
    private static final class FailingTelemetry implements StoreTelemetry {
        @Override
        public Operation start(OperationStart start) {
            throw new IllegalStateException("broken telemetry");
        }

        @Override
        public void count(Meter meter, double amount, String... tagValues) {
            throw new IllegalStateException("broken telemetry");
        }

        @Override
        public Registration gauge(Meter meter, DoubleSupplier value, String... tagValues) {
            throw new IllegalStateException("broken telemetry");
        }

        @Override
        public void awsRequest(AwsRequest request) {
            throw new IllegalStateException("broken telemetry");
        }
    }
}
