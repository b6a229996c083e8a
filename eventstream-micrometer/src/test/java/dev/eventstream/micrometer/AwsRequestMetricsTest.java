package dev.eventstream.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.core.telemetry.AwsRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AWS requests as the requests, retries, throttles and capacity counters. */
class AwsRequestMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerTelemetry telemetry = new MicrometerTelemetry(registry);

    @Test
    void aSuccessfulRequestCountsItselfItsRetriesAndItsCapacityPerTable() {
        // when
        telemetry.awsRequest(new AwsRequest("DynamoDB", "TransactWriteItems", List.of("events", "feed"), 3, null,
                null, List.of(2.0, 1.5)));

        // then
        Counter requests = registry.get("eventstream.aws.requests").counter();
        assertThat(requests.getId().getTags()).containsExactly(Tag.of("operation", "TransactWriteItems"),
                Tag.of("outcome", "success"), Tag.of("service", "DynamoDB"));
        assertThat(requests.count()).isEqualTo(1.0);
        Counter retries = registry.get("eventstream.aws.retries").counter();
        assertThat(retries.getId().getTags()).containsExactly(Tag.of("operation", "TransactWriteItems"),
                Tag.of("service", "DynamoDB"));
        assertThat(retries.count()).isEqualTo(2.0);
        assertThat(registry.get("eventstream.dynamodb.consumed.capacity").tag("table", "events").counter().count())
                .isEqualTo(2.0);
        Counter feed = registry.get("eventstream.dynamodb.consumed.capacity").tag("table", "feed").counter();
        assertThat(feed.count()).isEqualTo(1.5);
        assertThat(feed.getId().getTags()).containsExactly(Tag.of("operation", "TransactWriteItems"),
                Tag.of("table", "feed"));
        assertThat(feed.getId().getBaseUnit()).as("no unit: a registry adding it would say capacity twice").isNull();
        assertThat(registry.find("eventstream.aws.throttles").meters()).isEmpty();
    }

    @Test
    void aRequestOnFirstAttemptCountsNoRetryAndOneWithoutCapacityNone() {
        // when
        telemetry.awsRequest(new AwsRequest("SNS", "PublishBatch", List.of("orders"), 1, null, null, List.of()));

        // then
        assertThat(registry.get("eventstream.aws.requests").counter().count()).isEqualTo(1.0);
        assertThat(registry.find("eventstream.aws.retries").meters()).isEmpty();
        assertThat(registry.find("eventstream.dynamodb.consumed.capacity").meters()).isEmpty();
    }

    @Test
    void aThrottledRequestCountsItsErrorAndReason() {
        // when
        telemetry.awsRequest(new AwsRequest("DynamoDB", "PutItem", List.of("events"), 4,
                "ProvisionedThroughputExceededException", "TableWriteProvisionedThroughputExceeded", List.of()));

        // then
        assertThat(registry.get("eventstream.aws.requests").counter().getId().getTag("outcome"))
                .isEqualTo("ProvisionedThroughputExceededException");
        Counter throttles = registry.get("eventstream.aws.throttles").counter();
        assertThat(throttles.getId().getTags()).containsExactly(Tag.of("operation", "PutItem"),
                Tag.of("reason", "TableWriteProvisionedThroughputExceeded"), Tag.of("service", "DynamoDB"));
        assertThat(throttles.count()).isEqualTo(1.0);
        assertThat(registry.get("eventstream.aws.retries").counter().count()).isEqualTo(3.0);
    }

    @Test
    void capacityNotGivenPerTableIsCountedAsATotalUnderAStar() {
        // when
        telemetry.awsRequest(new AwsRequest("DynamoDB", "BatchGetItem", List.of("events", "snapshots"), 1, null,
                null, List.of(3.0)));
        telemetry.awsRequest(new AwsRequest("DynamoDB", "Query", List.of(), 1, null, null, List.of(0.5)));

        // then
        assertThat(registry.get("eventstream.dynamodb.consumed.capacity").tag("operation", "BatchGetItem")
                .counter().getId().getTag("table")).isEqualTo("*");
        assertThat(registry.get("eventstream.dynamodb.consumed.capacity").tag("operation", "BatchGetItem")
                .counter().count()).isEqualTo(3.0);
        assertThat(registry.get("eventstream.dynamodb.consumed.capacity").tag("operation", "Query")
                .counter().count()).isEqualTo(0.5);
    }

    @Test
    void aFailedConditionalWriteStillCountsItsCapacity() {
        // when
        telemetry.awsRequest(new AwsRequest("DynamoDB", "PutItem", List.of("events"), 1,
                "ConditionalCheckFailedException", null, List.of(1.0)));

        // then
        assertThat(registry.get("eventstream.aws.requests").tag("outcome", "ConditionalCheckFailedException")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("eventstream.dynamodb.consumed.capacity").counter().count()).isEqualTo(1.0);
    }
}
