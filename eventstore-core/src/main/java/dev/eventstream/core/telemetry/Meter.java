package dev.eventstream.core.telemetry;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The counters and gauges the store reports besides its {@linkplain OperationKind operations' timers}. Names follow
 * Micrometer's conventions (lower case, dot separated, no unit suffix); every tag takes values from a bounded set.
 * {@code docs/observability.md} tells what each one says and which to alarm on.
 */
public enum Meter {
    /** A step the store repeated after a failure it expected to pass: a lost race, a publication, a lease. */
    RETRIES("eventstream.retries", Type.COUNTER, null, "Repeated attempts after a transient failure", "operation"),
    /** A step the store stopped repeating: its failure reaches the caller (or parks the stream). */
    RETRIES_EXHAUSTED("eventstream.retries.exhausted", Type.COUNTER, null,
            "Steps given up after their last retry", "operation"),
    /** A load's snapshot: {@code hit} (one was found), {@code miss} (none), {@code stored} (one was written). */
    SNAPSHOTS("eventstream.snapshots", Type.COUNTER, null, "Snapshots found, missed and stored by loads", "result"),
    /** AWS requests, after the SDK's retries, by service, operation and outcome ({@code success}, an error code). */
    AWS_REQUESTS("eventstream.aws.requests", Type.COUNTER, null, "AWS requests the adapters made",
            "service", "operation", "outcome"),
    /** Attempts the SDK made again, beyond the first of each request. */
    AWS_RETRIES("eventstream.aws.retries", Type.COUNTER, null, "AWS SDK attempts beyond the first", "service",
            "operation"),
    /** Requests AWS throttled, after the SDK's retries, by reason (the error code, or DynamoDB's reason). */
    AWS_THROTTLES("eventstream.aws.throttles", Type.COUNTER, null, "AWS requests failed by throttling", "service",
            "operation", "reason"),
    /** DynamoDB capacity units consumed, read and write together, as DynamoDB reports them. */
    // No base unit: a registry that adds the unit to the name would say "capacity" twice.
    DYNAMODB_CAPACITY("eventstream.dynamodb.consumed.capacity", Type.COUNTER, null,
            "DynamoDB capacity units consumed", "operation", "table"),
    /** Committed events the relay has yet to publish (the outbox's in-process part). */
    PUBLICATIONS_PENDING("eventstream.publication.pending", Type.GAUGE, "events",
            "Events handed to the relay and not yet published"),
    /** Streams whose publication failed and waits for its next retry, later events held back behind it. */
    PUBLICATIONS_PARKED("eventstream.publication.parked", Type.GAUGE, "streams",
            "Streams held back after a failed publication"),
    /**
     * How far a consumer group's instance in this process is behind the feed: the age of the oldest entry of the
     * page it is handling, 0 once a read finds nothing more. The store's own notifications group, publishing to
     * SNS, is {@code $notifications}: its lag is the publication lag.
     */
    SUBSCRIPTION_LAG("eventstream.subscription.lag", Type.GAUGE, "seconds",
            "Age of the oldest feed entry in hand while the group is behind, 0 when caught up", "group"),
    /** Feed entries a group parked (its handler failed on them, with {@code OnFailure.PARK}). */
    SUBSCRIPTION_PARKED("eventstream.subscription.parked", Type.COUNTER, "entries",
            "Feed entries parked by a consumer group", "group"),
    /** Messages an SQS subscription received again after a failed or timed-out delivery. */
    SQS_REDELIVERIES("eventstream.sqs.redeliveries", Type.COUNTER, "messages",
            "Messages received again after a failed delivery", "queue"),
    /** Messages an SQS subscription gave up on, left to the queue's dead-letter queue. */
    SQS_DEAD_LETTERS("eventstream.sqs.dead.letters", Type.COUNTER, "messages",
            "Messages moved to the dead-letter queue", "queue"),
    /**
     * How far the DynamoDB feed indexer is behind the table's stream: the age of the newest stream record it
     * indexed while more wait, 0 when it has caught up.
     */
    INDEXER_LAG("eventstream.feed.indexer.lag", Type.GAUGE, "seconds",
            "Age of the last indexed stream record while more wait, 0 when caught up");

    /** How a meter accumulates. */
    public enum Type { COUNTER, GAUGE }

    private final String meterName;
    private final Type type;
    private final @Nullable String baseUnit;
    private final String description;
    private final List<String> tagKeys;

    Meter(String meterName, Type type, @Nullable String baseUnit, String description, String... tagKeys) {
        this.meterName = meterName;
        this.type = type;
        this.baseUnit = baseUnit;
        this.description = description;
        this.tagKeys = List.of(tagKeys);
    }

    public String meterName() {
        return meterName;
    }

    public Type type() {
        return type;
    }

    /** The unit, or null for a plain count. */
    public @Nullable String baseUnit() {
        return baseUnit;
    }

    public String description() {
        return description;
    }

    /** The keys of its tags; callers give the values in this order. */
    public List<String> tagKeys() {
        return tagKeys;
    }
}
