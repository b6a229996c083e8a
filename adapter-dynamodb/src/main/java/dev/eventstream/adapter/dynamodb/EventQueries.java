package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.adapter.dynamodb.EventItem.LIST_SK;
import static dev.eventstream.adapter.dynamodb.EventItem.PK;
import static dev.eventstream.adapter.dynamodb.EventItem.SEQ;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The Queries the store reads with, one request per DynamoDB page. Reads of a stream are strongly consistent, so
 * they see every completed append; listings read the eventually consistent index. SDK exceptions pass through:
 * the caller knows what it was doing and translates them.
 *
 * <p>Reads of events, the hot path, query with the low-level client and turn each returned attribute map straight
 * into a {@link RecordedEvent}: the Enhanced Client would first map every item into an {@link EventItem} through
 * the table schema, work the records do not need. The rarer queries keep the Enhanced Client.
 */
final class EventQueries {
    /** Every event of a stream from a sequence on; {@code :pk} and {@code :from} are bound per query. */
    private static final String EVENTS_FROM = "#pk = :pk AND #seq >= :from";
    private static final Map<String, String> KEY_NAMES = Map.of("#pk", PK, "#seq", SEQ);

    private final DynamoDbClient client;
    private final String tableName;
    private final DynamoDbTable<EventItem> table;
    private final DynamoDbIndex<EventItem> listing;

    EventQueries(DynamoDbClient client, DynamoDbTable<EventItem> table) {
        this.client = client;
        this.tableName = table.tableName();
        this.table = table;
        this.listing = table.index(EventItem.LISTING_INDEX);
    }

    /** Up to {@code maxCount} events of the stream from {@code fromSequence} on, oldest first. */
    List<RecordedEvent> from(StreamKey stream, long fromSequence, long maxCount) {
        List<RecordedEvent> events = new ArrayList<>();
        QueryRequest query = eventsFrom(stream, fromSequence);
        pages(maxCount, (limit, start) -> Fetched.of(client.query(query.toBuilder()
                        .limit(limit)
                        .exclusiveStartKey(start)
                        .build())),
                item -> events.add(EventItem.toRecordedEvent(stream, item)));
        return events;
    }

    /**
     * One page (up to 1 MB) of the stream's events from {@code fromSequence} on. The events are made at once, so the
     * response, several times their size in attribute maps, is not kept. Starting the next page after the last
     * event's sequence reads what DynamoDB's LastEvaluatedKey would: the query is within one partition, by sort key.
     */
    Paging.Page page(StreamKey stream, long fromSequence) {
        Fetched<Map<String, AttributeValue>> page = Fetched.of(client.query(eventsFrom(stream, fromSequence)));
        List<RecordedEvent> events = new ArrayList<>(page.items().size());
        page.items().forEach(item -> events.add(EventItem.toRecordedEvent(stream, item)));
        return new Paging.Page(events, page.lastEvaluatedKey() == null);
    }

    private QueryRequest eventsFrom(StreamKey stream, long fromSequence) {
        return QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression(EVENTS_FROM)
                .expressionAttributeNames(KEY_NAMES)
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(stream.asString()),
                        ":from", AttributeValue.fromN(Long.toString(fromSequence))))
                .consistentRead(true)
                .build();
    }

    /** The items at sequences {@code from} to {@code from + count - 1} that exist, oldest first. */
    List<EventItem> range(String pk, long from, int count) {
        List<EventItem> items = new ArrayList<>(count);
        pages(count, (limit, start) -> Fetched.of(table.query(r -> r
                        .queryConditional(QueryConditional.sortBetween(key(pk, from), key(pk, from + count - 1)))
                        .consistentRead(true)
                        .limit(limit)
                        .exclusiveStartKey(start))),
                items::add);
        return items;
    }

    /** The stream's last sequence, 0 when it has no events: the newest item's keys only. */
    long version(String pk) {
        List<EventItem> last = newest(pk, 1, List.of(PK, SEQ));
        return last.isEmpty() ? 0 : last.get(0).sequence();
    }

    /** The stream's {@code count} newest events, newest first. */
    List<EventItem> newest(String pk, long count) {
        return newest(pk, count, List.of());
    }

    /** Names in one partition of the listing index, in key order, skipping {@code offset}. */
    List<String> names(String partition, int offset, int limit) {
        List<String> names = new ArrayList<>(Math.min(limit, 1_000));
        long[] seen = {0};
        // DynamoDB cannot skip: the entries before the page are read too, keys only, about 100 bytes each.
        pages((long) offset + limit, (pageLimit, start) -> Fetched.of(listing.query(r -> r
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(partition)))
                        .attributesToProject(LIST_SK)
                        .limit(pageLimit)
                        .exclusiveStartKey(start))),
                item -> {
                    if (seen[0]++ >= offset) {
                        names.add(item.listedName());
                    }
                });
        return names;
    }

    private List<EventItem> newest(String pk, long count, List<String> attributes) {
        List<EventItem> items = new ArrayList<>();
        pages(count, (limit, start) -> Fetched.of(table.query(r -> {
                    r.queryConditional(QueryConditional.sortGreaterThanOrEqualTo(key(pk, 1)))
                            .scanIndexForward(false)
                            .consistentRead(true)
                            .limit(limit)
                            .exclusiveStartKey(start);
                    if (!attributes.isEmpty()) {
                        r.attributesToProject(attributes);
                    }
                })),
                items::add);
        return items;
    }

    /**
     * Runs a query one page (one request) at a time, following LastEvaluatedKey past every 1 MB page, and asks each
     * page for no more items than are still wanted, so nothing beyond {@code maxCount} is read.
     */
    private static <T> void pages(long maxCount,
            BiFunction<@Nullable Integer, @Nullable Map<String, AttributeValue>, Fetched<T>> query,
            Consumer<T> sink) {
        long remaining = maxCount;
        Map<String, AttributeValue> start = null;
        do {
            // No Limit when reading to the end: each page is then as full as 1 MB allows.
            Integer limit = remaining >= Integer.MAX_VALUE ? null : (int) remaining;
            Fetched<T> page = query.apply(limit, start);
            for (T item : page.items()) {
                sink.accept(item);
                remaining--;
            }
            start = page.lastEvaluatedKey();
        } while (remaining > 0 && start != null);
    }

    /** One page of a query, from either client: its items and where the next page starts, null after the last. */
    private record Fetched<T>(List<T> items, @Nullable Map<String, AttributeValue> lastEvaluatedKey) {
        static <T> Fetched<T> of(SdkIterable<Page<T>> query) {
            Page<T> page = query.iterator().next();
            return new Fetched<>(page.items(), nextStart(page.lastEvaluatedKey()));
        }

        static Fetched<Map<String, AttributeValue>> of(QueryResponse response) {
            return new Fetched<>(response.items(),
                    response.hasLastEvaluatedKey() ? nextStart(response.lastEvaluatedKey()) : null);
        }
    }

    /** Where the next page starts, null when none does (DynamoDB leaves the key out, some engines send it empty). */
    private static @Nullable Map<String, AttributeValue> nextStart(@Nullable Map<String, AttributeValue> lastKey) {
        return lastKey == null || lastKey.isEmpty() ? null : lastKey;
    }

    static Key key(@Nullable String pk, long sequence) {
        return Key.builder().partitionValue(pk).sortValue(sequence).build();
    }
}
