package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.adapter.dynamodb.EventItem.LIST_SK;
import static dev.eventstream.adapter.dynamodb.EventItem.PK;
import static dev.eventstream.adapter.dynamodb.EventItem.SEQ;

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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Queries the store reads with, one request per DynamoDB page. Reads of a stream are strongly consistent, so
 * they see every completed append; listings read the eventually consistent index. SDK exceptions pass through:
 * the caller knows what it was doing and translates them.
 */
final class EventQueries {
    private final DynamoDbTable<EventItem> table;
    private final DynamoDbIndex<EventItem> listing;

    EventQueries(DynamoDbTable<EventItem> table) {
        this.table = table;
        this.listing = table.index(EventItem.LISTING_INDEX);
    }

    /** Up to {@code maxCount} events of the stream from {@code fromSequence} on, oldest first. */
    List<EventItem> from(String pk, long fromSequence, long maxCount) {
        List<EventItem> items = new ArrayList<>();
        pages(maxCount, (limit, start) -> table.query(r -> r
                        .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(key(pk, fromSequence)))
                        .consistentRead(true)
                        .limit(limit)
                        .exclusiveStartKey(start)),
                items::add);
        return items;
    }

    /** One page (up to 1 MB) of the stream's events from {@code fromSequence} on, continuing after {@code start}. */
    Page<EventItem> page(String pk, long fromSequence, @Nullable Map<String, AttributeValue> start) {
        return table.query(r -> r
                        .queryConditional(QueryConditional.sortGreaterThanOrEqualTo(key(pk, fromSequence)))
                        .consistentRead(true)
                        .exclusiveStartKey(start))
                .iterator().next();
    }

    /** The items at sequences {@code from} to {@code from + count - 1} that exist, oldest first. */
    List<EventItem> range(String pk, long from, int count) {
        List<EventItem> items = new ArrayList<>(count);
        pages(count, (limit, start) -> table.query(r -> r
                        .queryConditional(QueryConditional.sortBetween(key(pk, from), key(pk, from + count - 1)))
                        .consistentRead(true)
                        .limit(limit)
                        .exclusiveStartKey(start)),
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
        pages((long) offset + limit, (pageLimit, start) -> listing.query(r -> r
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(partition)))
                        .attributesToProject(LIST_SK)
                        .limit(pageLimit)
                        .exclusiveStartKey(start)),
                item -> {
                    if (seen[0]++ >= offset) {
                        names.add(item.listedName());
                    }
                });
        return names;
    }

    private List<EventItem> newest(String pk, long count, List<String> attributes) {
        List<EventItem> items = new ArrayList<>();
        pages(count, (limit, start) -> table.query(r -> {
                    r.queryConditional(QueryConditional.sortGreaterThanOrEqualTo(key(pk, 1)))
                            .scanIndexForward(false)
                            .consistentRead(true)
                            .limit(limit)
                            .exclusiveStartKey(start);
                    if (!attributes.isEmpty()) {
                        r.attributesToProject(attributes);
                    }
                }),
                items::add);
        return items;
    }

    /**
     * Runs a query one page (one request) at a time, following LastEvaluatedKey past every 1 MB page, and asks each
     * page for no more items than are still wanted, so nothing beyond {@code maxCount} is read.
     */
    private static void pages(long maxCount,
            BiFunction<@Nullable Integer, @Nullable Map<String, AttributeValue>, SdkIterable<Page<EventItem>>> query,
            Consumer<EventItem> sink) {
        long remaining = maxCount;
        Map<String, AttributeValue> start = null;
        do {
            // No Limit when reading to the end: each page is then as full as 1 MB allows.
            Integer limit = remaining >= Integer.MAX_VALUE ? null : (int) remaining;
            Page<EventItem> page = query.apply(limit, start).iterator().next();
            for (EventItem item : page.items()) {
                sink.accept(item);
                remaining--;
            }
            start = page.lastEvaluatedKey();
        } while (remaining > 0 && start != null && !start.isEmpty());
    }

    static Key key(@Nullable String pk, long sequence) {
        return Key.builder().partitionValue(pk).sortValue(sequence).build();
    }
}
