package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.adapter.dynamodb.FeedEventReads.EventKey;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.ParkedEntryStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Parked entries in the feed table: partition {@code parked:<group>}, sort key the entry's position, and where its
 * event is ({@code stream}, {@code seq}) rather than the event itself, which {@link #list} reads back from the events
 * table. A reason longer than {@value #MAX_REASON_CHARS} characters is cut there, keeping the item far below
 * DynamoDB's 400 KB. Thread-safe.
 */
final class DynamoDbParkedEntries implements ParkedEntryStore {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbParkedEntries.class);

    static final String PREFIX = "parked:";
    static final String STREAM = "stream";
    static final String SEQUENCE = "seq";
    static final String ATTEMPTS = "attempts";
    static final String REASON = "reason";
    /** When it was parked, epoch milliseconds, with a fraction down to the nanosecond so the instant reads back. */
    static final String PARKED_AT = "at";
    static final int MAX_REASON_CHARS = 16_384;
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000);

    private final DynamoDbClient client;
    private final String tableName;
    private final FeedEventReads events;

    DynamoDbParkedEntries(DynamoDbClient client, String tableName, FeedEventReads events) {
        this.client = requireNonNull(client, "client is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.events = requireNonNull(events, "events is null");
    }

    /** One PutItem, replacing an entry parked at the same position. */
    @Override
    public void park(ParkedEntry entry) {
        requireNonNull(entry, "entry is null");
        RecordedEvent event = entry.entry().event();
        String reason = entry.reason().length() > MAX_REASON_CHARS
                ? entry.reason().substring(0, MAX_REASON_CHARS) : entry.reason();
        try {
            client.putItem(r -> r.tableName(tableName).item(Map.of(
                    FeedTable.PK, AttributeValue.fromS(PREFIX + entry.group()),
                    FeedTable.SK, FeedChunk.number(entry.position()),
                    STREAM, AttributeValue.fromS(event.stream().asString()),
                    SEQUENCE, FeedChunk.number(event.sequence()),
                    ATTEMPTS, FeedChunk.number(entry.attempts()),
                    REASON, AttributeValue.fromS(reason),
                    PARKED_AT, AttributeValue.fromN(epochMillis(entry.parkedAt())))));
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "park the entry at position " + entry.position() + " of group "
                    + entry.group() + " in " + tableName);
        }
    }

    /**
     * Consistent Queries of the group's partition, oldest position first, then the events read back. An entry whose
     * event the events table no longer holds (expired by TTL) is left out.
     */
    @Override
    public List<ParkedEntry> list(String group, int limit) {
        DynamoDbLeases.requireText(group, "group");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        try {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = client.query(r -> r.tableName(tableName)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", FeedTable.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PREFIX + group)))
                        .consistentRead(true)
                        .limit(limit - items.size())
                        .exclusiveStartKey(from));
                items.addAll(page.items());
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (start != null && items.size() < limit);
            List<EventKey> keys = new ArrayList<>(items.size());
            for (Map<String, AttributeValue> item : items) {
                keys.add(new EventKey(FeedCodec.parseStreamKey(item.get(STREAM).s()),
                        Long.parseLong(item.get(SEQUENCE).n())));
            }
            Map<EventKey, RecordedEvent> found = keys.isEmpty() ? new HashMap<>() : events.read(keys);
            List<ParkedEntry> parked = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Map<String, AttributeValue> item = items.get(i);
                long position = Long.parseLong(item.get(FeedTable.SK).n());
                RecordedEvent event = found.get(keys.get(i));
                if (event == null) {
                    LOG.warn("The entry of group {} parked at position {} points to {} at sequence {}, which the"
                            + " events table no longer holds (expired?); it is left out", group, position,
                            keys.get(i).stream(), keys.get(i).sequence());
                    continue;
                }
                parked.add(new ParkedEntry(group, new FeedEntry(position, event),
                        Integer.parseInt(item.get(ATTEMPTS).n()), item.get(REASON).s(),
                        instant(item.get(PARKED_AT).n())));
            }
            return parked;
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "list the parked entries of group " + group + " in " + tableName);
        }
    }

    /** One DeleteItem, harmless when nothing is parked there. */
    @Override
    public void remove(String group, long position) {
        DynamoDbLeases.requireText(group, "group");
        try {
            client.deleteItem(r -> r.tableName(tableName).key(Map.of(
                    FeedTable.PK, AttributeValue.fromS(PREFIX + group),
                    FeedTable.SK, FeedChunk.number(position))));
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "remove the entry parked at position " + position + " of group "
                    + group + " from " + tableName);
        }
    }

    /** {@code instant} in epoch milliseconds, exactly: {@code 1700000000123.456789}. */
    static String epochMillis(Instant instant) {
        BigDecimal nanos = new BigDecimal(BigInteger.valueOf(instant.getEpochSecond()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(instant.getNano())));
        return nanos.movePointLeft(6).stripTrailingZeros().toPlainString();
    }

    static Instant instant(String epochMillis) {
        BigInteger[] secondsAndNanos = new BigDecimal(epochMillis).movePointRight(6).toBigIntegerExact()
                .divideAndRemainder(NANOS_PER_SECOND);
        if (secondsAndNanos[1].signum() < 0) {
            secondsAndNanos[0] = secondsAndNanos[0].subtract(BigInteger.ONE);
            secondsAndNanos[1] = secondsAndNanos[1].add(NANOS_PER_SECOND);
        }
        return Instant.ofEpochSecond(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }
}
