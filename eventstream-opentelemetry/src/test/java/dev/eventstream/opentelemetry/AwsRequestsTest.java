package dev.eventstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AWS requests the adapters report, added to the span of the operation they were made in. */
class AwsRequestsTest {
    private static final StreamKey ORDER = new StreamKey("orders", "order-1");

    private final TestTracing otel = new TestTracing();
    private final OpenTelemetryTracing tracing = otel.tracing;

    @AfterEach
    void close() {
        otel.close();
    }

    @Test
    void requestsGoToTheInnermostOpenOperation() {
        // given
        Operation append = tracing.start(OperationStart.append(ORDER));
        Operation read = tracing.start(OperationStart.readStream(ORDER));

        // when
        tracing.awsRequest(dynamoDb("Query", List.of("events"), List.of(0.5)));
        tracing.awsRequest(dynamoDb("GetItem", List.of("snapshots"), List.of(1.0)));
        read.end(Outcome.SUCCESS);
        tracing.awsRequest(dynamoDb("TransactWriteItems", List.of("events", "feed"), List.of(2.0, 1.0)));
        append.end(Outcome.COMMITTED);

        // then
        SpanData readSpan = otel.span("eventstream.read stream");
        assertThat(readSpan.getAttributes().get(SpanAttributes.AWS_REQUESTS)).isEqualTo(2);
        assertThat(readSpan.getAttributes().get(SpanAttributes.DB_SYSTEM)).isEqualTo("aws.dynamodb");
        assertThat(readSpan.getAttributes().get(SpanAttributes.DYNAMODB_TABLES))
                .containsExactly("events", "snapshots");
        assertThat(readSpan.getAttributes().get(SpanAttributes.DYNAMODB_CAPACITY)).isEqualTo(1.5);
        SpanData appendSpan = otel.span("eventstream.append");
        assertThat(appendSpan.getAttributes().get(SpanAttributes.AWS_REQUESTS)).isEqualTo(1);
        assertThat(appendSpan.getAttributes().get(SpanAttributes.DYNAMODB_TABLES)).containsExactly("events", "feed");
        assertThat(appendSpan.getAttributes().get(SpanAttributes.DYNAMODB_CAPACITY)).isEqualTo(3.0);
    }

    @Test
    void aDynamoDbRequestWithoutCapacityReportsNone() {
        // when
        Operation load = tracing.start(OperationStart.load(ORDER));
        tracing.awsRequest(dynamoDb("Query", List.of("events"), List.of()));
        load.end(Outcome.SUCCESS);

        // then
        SpanData span = otel.span("eventstream.load");
        assertThat(span.getAttributes().get(SpanAttributes.AWS_REQUESTS)).isEqualTo(1);
        assertThat(span.getAttributes().get(SpanAttributes.DYNAMODB_CAPACITY)).isNull();
    }

    @Test
    void snsAndSqsRequestsNameTheMessagingSystem() {
        // when
        Operation publish = tracing.start(new OperationStart(OperationKind.PUBLISH, "orders-topic", ORDER,
                List.of(Map.of())));
        tracing.awsRequest(new AwsRequest("SNS", "Publish", List.of("orders-topic"), 1, null, null, List.of()));
        publish.end(Outcome.SUCCESS);
        Operation process = tracing.start(new OperationStart(OperationKind.PROCESS, "orders-queue", ORDER,
                List.of(Map.of())));
        tracing.awsRequest(new AwsRequest("SQS", "DeleteMessage", List.of("orders-queue"), 1, null, null,
                List.of()));
        process.end(Outcome.SUCCESS);

        // then
        SpanData published = otel.span("eventstream.publish orders-topic");
        assertThat(published.getAttributes().get(SpanAttributes.MESSAGING_SYSTEM)).isEqualTo("aws_sns");
        assertThat(published.getAttributes().get(SpanAttributes.DB_SYSTEM)).isNull();
        assertThat(otel.span("eventstream.process orders-queue").getAttributes()
                .get(SpanAttributes.MESSAGING_SYSTEM)).isEqualTo("aws_sqs");
    }

    @Test
    void aThrottledRequestIsAnEventOfTheSpan() {
        // when
        Operation append = tracing.start(OperationStart.append(ORDER));
        tracing.awsRequest(new AwsRequest("DynamoDB", "TransactWriteItems", List.of("events"), 3,
                "ProvisionedThroughputExceededException", "TableWriteProvisionedThroughputExceeded", List.of()));
        append.end(Outcome.FAILED);

        // then
        List<EventData> events = otel.span("eventstream.append").getEvents();
        assertThat(events).extracting(EventData::getName).containsExactly("throttled");
        assertThat(events.get(0).getAttributes().get(SpanAttributes.AWS_OPERATION)).isEqualTo("TransactWriteItems");
        assertThat(events.get(0).getAttributes().get(SpanAttributes.THROTTLE_REASON))
                .isEqualTo("TableWriteProvisionedThroughputExceeded");
    }

    @Test
    void aRequestOutsideAnyOperationIsDropped() {
        // when
        tracing.awsRequest(dynamoDb("DescribeTable", List.of("events"), List.of()));

        // then
        assertThat(otel.spans()).isEmpty();
    }

    @Test
    void aRequestAfterTheOperationEndedIsDropped() {
        // given
        Operation append = tracing.start(OperationStart.append(ORDER));
        Context carried = Context.current();
        append.end(Outcome.COMMITTED);

        // when
        TestTracing.callInside(carried, () -> {
            tracing.awsRequest(dynamoDb("PutItem", List.of("events"), List.of(1.0)));
            return null;
        });

        // then
        assertThat(otel.span("eventstream.append").getAttributes().get(SpanAttributes.AWS_REQUESTS)).isNull();
    }

    @Test
    void anotherTracingsOperationsAreNotThisOnes() {
        // given
        OpenTelemetryTracing other = new OpenTelemetryTracing(otel.sdk);
        Operation append = tracing.start(OperationStart.append(ORDER));

        // when
        other.awsRequest(dynamoDb("PutItem", List.of("events"), List.of(1.0)));
        append.end(Outcome.COMMITTED);

        // then
        assertThat(otel.span("eventstream.append").getAttributes().get(SpanAttributes.AWS_REQUESTS)).isNull();
    }

    private static AwsRequest dynamoDb(String operation, List<String> tables, List<Double> capacity) {
        return new AwsRequest("DynamoDB", operation, tables, 1, null, null, capacity);
    }
}
