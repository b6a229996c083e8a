package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.LeaseStore;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Leases in the feed table, one item each: partition {@code lease:<name>}, sort key 0, the holder ({@code owner}),
 * a record version ({@code rv}, a new UUID on every renewal) and the duration the holder renews within
 * ({@code dur}, ms). Every change is a conditional write, so of several processes racing for a lease exactly one
 * gets it.
 *
 * <p>No clocks are compared across processes: a lease held by another owner is taken over once this process has
 * seen the same record version for the lease's duration by its own monotonic clock, and the takeover is
 * conditioned on that version, so a renewal that came in between wins. Thread-safe.
 */
final class DynamoDbLeases implements LeaseStore {
    static final String PREFIX = "lease:";
    static final String OWNER = "owner";
    static final String VERSION = "rv";
    static final String DURATION = "dur";
    private static final Duration MIN_DURATION = Duration.ofSeconds(1);

    /** A record version this process saw, and when it first saw it (its monotonic clock, ns). */
    private record Seen(String version, long sinceNanos) {}

    private final DynamoDbClient client;
    private final String tableName;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Seen> seen = new ConcurrentHashMap<>();

    DynamoDbLeases(DynamoDbClient client, String tableName) {
        this(client, tableName, System::nanoTime);
    }

    /** With the monotonic clock given, for tests. */
    DynamoDbLeases(DynamoDbClient client, String tableName, LongSupplier nanoTime) {
        this.client = requireNonNull(client, "client is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /**
     * One consistent GetItem, then at most one conditional PutItem: absent, taken on the condition that it still is;
     * held by {@code owner}, renewed on the condition that it still holds it; held by another, taken over only when
     * its version has not changed for its duration as this process saw it, on the condition that it still has not.
     */
    @Override
    public boolean tryAcquire(String name, String owner, Duration duration) {
        requireText(name, "name");
        requireText(owner, "owner");
        requireNonNull(duration, "duration is null");
        if (duration.compareTo(MIN_DURATION) < 0) {
            throw new IllegalArgumentException("duration must be at least 1 second, was " + duration);
        }
        try {
            Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName)
                    .key(key(name))
                    .consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                return put(name, owner, duration, "attribute_not_exists(#pk)", Map.of("#pk", FeedTable.PK),
                        Map.of());
            }
            String holder = text(item, OWNER);
            String version = text(item, VERSION);
            if (owner.equals(holder)) {
                return put(name, owner, duration, "#owner = :owner", Map.of("#owner", OWNER),
                        Map.of(":owner", AttributeValue.fromS(owner)));
            }
            long now = nanoTime.getAsLong();
            Seen observed = seen.compute(name, (n, before) ->
                    before != null && before.version().equals(version) ? before : new Seen(version, now));
            if (now - observed.sinceNanos() < heldFor(item, duration).toNanos()) {
                return false;
            }
            return put(name, owner, duration, "#rv = :seen", Map.of("#rv", VERSION),
                    Map.of(":seen", AttributeValue.fromS(version)));
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "acquire lease " + name + " in " + tableName);
        }
    }

    /** One DeleteItem on the condition that {@code owner} holds the lease. */
    @Override
    public void release(String name, String owner) {
        requireText(name, "name");
        requireText(owner, "owner");
        try {
            client.deleteItem(r -> r.tableName(tableName)
                    .key(key(name))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", OWNER))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner))));
            seen.remove(name);
        } catch (ConditionalCheckFailedException notHeld) {
            // Another holds it, or nobody: nothing to give up.
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "release lease " + name + " in " + tableName);
        }
    }

    private boolean put(String name, String owner, Duration duration, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> item = Map.of(
                FeedTable.PK, AttributeValue.fromS(PREFIX + name),
                FeedTable.SK, FeedChunk.number(0),
                OWNER, AttributeValue.fromS(owner),
                VERSION, AttributeValue.fromS(UUID.randomUUID().toString()),
                DURATION, FeedChunk.number(duration.toMillis()));
        try {
            client.putItem(r -> {
                r.tableName(tableName).item(item).conditionExpression(condition).expressionAttributeNames(names)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
                if (!values.isEmpty()) {
                    r.expressionAttributeValues(values);
                }
            });
            seen.remove(name);
            return true;
        } catch (ConditionalCheckFailedException lost) {
            // Unless what holds it is this very write, which the SDK sent again after its answer was lost.
            return lost.hasItem() && item.get(VERSION).equals(lost.item().get(VERSION));
        }
    }

    /** How long the holder may go without renewing: what it wrote, or the asked duration if it wrote none. */
    private static Duration heldFor(Map<String, AttributeValue> item, Duration asked) {
        AttributeValue duration = item.get(DURATION);
        return duration == null || duration.n() == null ? asked : Duration.ofMillis(Long.parseLong(duration.n()));
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static Map<String, AttributeValue> key(String name) {
        return Map.of(FeedTable.PK, AttributeValue.fromS(PREFIX + name), FeedTable.SK, FeedChunk.number(0));
    }

    static void requireText(String value, String argument) {
        requireNonNull(value, argument + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank");
        }
    }
}
