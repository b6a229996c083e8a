package dev.eventstream.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute keys the spans carry: OpenTelemetry's semantic conventions where one fits, {@code eventstream.*}
 * where none does. Spelled out here rather than taken from the incubating semconv artifact, whose keys still move.
 */
final class SpanAttributes {
    static final AttributeKey<String> AGGREGATION = AttributeKey.stringKey("eventstream.aggregation");
    static final AttributeKey<String> STREAM_ID = AttributeKey.stringKey("eventstream.stream.id");
    static final AttributeKey<Long> EVENTS = AttributeKey.longKey("eventstream.events");
    static final AttributeKey<Long> VERSION = AttributeKey.longKey("eventstream.version");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("eventstream.outcome");
    static final AttributeKey<Long> AWS_REQUESTS = AttributeKey.longKey("eventstream.aws.requests");
    /**
     * The capacity units the operation's DynamoDB requests consumed, summed. The convention's
     * {@code aws.dynamodb.consumed_capacity} is an array of DynamoDB's JSON answers, one per request, which the
     * port does not see and which no backend can add up.
     */
    static final AttributeKey<Double> DYNAMODB_CAPACITY =
            AttributeKey.doubleKey("eventstream.dynamodb.consumed_capacity");

    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<List<String>> DYNAMODB_TABLES = AttributeKey.stringArrayKey("aws.dynamodb.table_names");
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGING_OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<Long> MESSAGING_BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");

    /** On the {@code throttled} event: the API operation AWS throttled, and why. */
    static final AttributeKey<String> AWS_OPERATION = AttributeKey.stringKey("aws.operation");
    static final AttributeKey<String> THROTTLE_REASON = AttributeKey.stringKey("reason");

    static final String DYNAMODB = "aws.dynamodb";
    static final String SNS = "aws_sns";
    static final String SQS = "aws_sqs";

    private SpanAttributes() {}
}
