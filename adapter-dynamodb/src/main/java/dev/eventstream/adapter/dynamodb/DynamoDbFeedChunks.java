package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.StreamKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The feed's chunks in the feed table: partition {@value FeedChunk#PARTITION}, one item per chunk, sorted by first
 * position. Writes are conditional PutItems at a position no chunk holds yet; reads are Queries of a range of first
 * positions. Thread-safe.
 */
final class DynamoDbFeedChunks implements FeedChunks {
    /** A chunk covers at most this many positions after its first, so one starting this far back may cover one. */
    private static final long REACH = MAX_ENTRIES - 1;
    private static final Map<String, String> KEY_NAMES = Map.of("#pk", FeedTable.PK, "#sk", FeedTable.SK);

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    DynamoDbFeedChunks(DynamoDbClient client, String tableName, Clock clock) {
        this.client = requireNonNull(client, "client is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    String tableName() {
        return tableName;
    }

    /**
     * One consistent Query for the last chunk, then, when more entries are asked for than it holds, one bounded
     * Query of the chunks that can hold the rest (first positions from {@code recentEntries + 99} back).
     */
    @Override
    public FeedTail tail(int recentEntries) {
        if (recentEntries < 0) {
            throw new IllegalArgumentException("recentEntries must be at least 0, was " + recentEntries);
        }
        try {
            FeedChunk last = last(true);
            if (last == null) {
                return new FeedTail(1, ShardCheckpoints.NONE, 0, List.of());
            }
            Deque<FeedChunk> recent = new ArrayDeque<>();
            recent.addFirst(last);
            int held = last.entries().size();
            if (recentEntries > held && last.firstPosition() > 1) {
                long low = Math.max(1, last.nextPosition() - recentEntries - REACH);
                int[] count = {held};
                // Newest first, each chunk ending where the one after it starts, until enough entries are held.
                query(low, last.firstPosition() - 1, true, false, chunk -> {
                    if (chunk.nextPosition() != recent.peekFirst().firstPosition()) {
                        return false;
                    }
                    recent.addFirst(chunk);
                    count[0] += chunk.entries().size();
                    return count[0] < recentEntries;
                });
            }
            List<FeedPointer> entries = new ArrayList<>();
            recent.forEach(chunk -> entries.addAll(chunk.entries()));
            List<FeedPointer> newest = entries.subList(Math.max(0, entries.size() - recentEntries), entries.size());
            return new FeedTail(last.nextPosition(), last.checkpoints(), last.newestRecordMillis(), newest);
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "read the end of the feed in " + tableName);
        }
    }

    /**
     * One PutItem conditioned on no chunk starting at {@code firstPosition}. When the condition fails and the chunk
     * there is this very one (a write whose answer was lost and that the SDK sent again), it counts as written.
     */
    @Override
    public boolean write(long firstPosition, List<FeedPointer> entries, ShardCheckpoints checkpoints,
            long newestRecordMillis) {
        FeedChunk chunk = new FeedChunk(firstPosition, entries, checkpoints, newestRecordMillis);
        Map<String, AttributeValue> item = chunk.toItem(clock.millis());
        try {
            client.putItem(r -> r.tableName(tableName)
                    .item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", FeedTable.PK))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return sameChunk(e.hasItem() && !e.item().isEmpty() ? e.item() : storedAt(firstPosition), item);
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "write the feed chunk at position " + firstPosition + " to "
                    + tableName);
        }
    }

    /** One paginated, strongly consistent Query of the whole partition {@value FeedChunk#PARTITION}. */
    @Override
    public IndexedStreams indexedStreams(Runnable eachPage) {
        requireNonNull(eachPage, "eachPage is null");
        Map<StreamKey, Long> highest = new HashMap<>();
        FeedChunk[] last = {null};
        try {
            query(1, Long.MAX_VALUE, true, true, chunk -> {
                for (FeedPointer entry : chunk.entries()) {
                    highest.merge(entry.stream(), entry.sequence(), Math::max);
                }
                last[0] = chunk;
                return true;
            }, eachPage);
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "read the feed's chunks in " + tableName);
        }
        FeedChunk end = last[0];
        return end == null ? new IndexedStreams(highest, 1, 0, 0, ShardCheckpoints.NONE, 0)
                : new IndexedStreams(highest, end.nextPosition(), end.firstPosition(), end.entries().size(),
                        end.checkpoints(), end.newestRecordMillis());
    }

    /**
     * One UpdateItem of {@code cp}, {@code rt} and {@code ts}, conditioned on the chunk existing with that count; the
     * entries stay as they are.
     */
    @Override
    public boolean replaceCheckpoints(long firstPosition, int entryCount, ShardCheckpoints checkpoints,
            long newestRecordMillis) {
        requireNonNull(checkpoints, "checkpoints is null");
        try {
            client.updateItem(r -> r.tableName(tableName)
                    .key(key(firstPosition))
                    .updateExpression("SET #cp = :cp, #rt = :rt, #ts = :ts")
                    .conditionExpression("attribute_exists(#pk) AND #n = :n")
                    .expressionAttributeNames(Map.of("#pk", FeedTable.PK, "#n", FeedChunk.COUNT,
                            "#cp", FeedChunk.CHECKPOINTS, "#rt", FeedChunk.RECORD_TIME, "#ts", FeedChunk.WRITTEN))
                    .expressionAttributeValues(Map.of(
                            ":n", FeedChunk.number(entryCount),
                            ":cp", AttributeValue.fromS(FeedCodec.encodeCheckpoints(checkpoints)),
                            ":rt", FeedChunk.number(newestRecordMillis),
                            ":ts", FeedChunk.number(clock.millis()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "replace the checkpoints of the feed chunk at position "
                    + firstPosition + " in " + tableName);
        }
    }

    /** The item at {@code firstPosition}, for engines that return no item with a failed condition. */
    private Map<String, AttributeValue> storedAt(long firstPosition) {
        try {
            return client.getItem(r -> r.tableName(tableName).key(key(firstPosition)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "read the feed chunk at position " + firstPosition + " of "
                    + tableName);
        }
    }

    private static boolean sameChunk(@Nullable Map<String, AttributeValue> stored,
            Map<String, AttributeValue> written) {
        return stored != null && stored.get(FeedChunk.ENTRIES) != null
                && stored.get(FeedChunk.ENTRIES).equals(written.get(FeedChunk.ENTRIES))
                && written.get(FeedChunk.CHECKPOINTS).equals(stored.get(FeedChunk.CHECKPOINTS));
    }

    /**
     * The chunks from the one holding position {@code from} on, each starting where the one before ends, up to the
     * one holding {@code to} (or the last before a hole, or the feed's end): one Query of first positions
     * {@code from - 99} to {@code to}, paginated. Empty when no chunk holds {@code from}. SDK exceptions pass through.
     *
     * @param consistent a strongly consistent read; an eventually consistent one may miss the newest chunks, and then
     *     ends before them
     */
    List<FeedChunk> covering(long from, long to, boolean consistent) {
        List<FeedChunk> chunks = new ArrayList<>();
        query(Math.max(1, from - REACH), to, consistent, true, chunk -> {
            if (chunks.isEmpty()) {
                if (chunk.lastPosition() < from) {
                    return true;
                }
                if (chunk.firstPosition() > from) {
                    return false;
                }
            } else if (chunk.firstPosition() != chunks.get(chunks.size() - 1).nextPosition()) {
                return false;
            }
            chunks.add(chunk);
            return true;
        });
        return chunks;
    }

    /**
     * The feed's last position, 0 when it is empty: one Query of the last chunk's key and count. SDK exceptions
     * pass through.
     */
    long head(boolean consistent) {
        QueryResponse response = client.query(QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", FeedTable.PK, "#sk", FeedTable.SK, "#n", FeedChunk.COUNT))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(FeedChunk.PARTITION)))
                .projectionExpression("#sk, #n")
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(consistent)
                .build());
        if (!response.hasItems() || response.items().isEmpty()) {
            return 0;
        }
        Map<String, AttributeValue> item = response.items().get(0);
        return Long.parseLong(item.get(FeedTable.SK).n()) + Long.parseLong(item.get(FeedChunk.COUNT).n()) - 1;
    }

    private @Nullable FeedChunk last(boolean consistent) {
        QueryResponse response = client.query(QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", FeedTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(FeedChunk.PARTITION)))
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(consistent)
                .build());
        return !response.hasItems() || response.items().isEmpty() ? null
                : FeedChunk.fromItem(response.items().get(0), tableName);
    }

    /**
     * Queries the chunks with first positions {@code low} to {@code high}, page by page, handing each to
     * {@code sink} in the order asked for until it answers false or the range is read.
     */
    private void query(long low, long high, boolean consistent, boolean forward, Predicate<FeedChunk> sink) {
        query(low, high, consistent, forward, sink, () -> {});
    }

    private void query(long low, long high, boolean consistent, boolean forward, Predicate<FeedChunk> sink,
            Runnable eachPage) {
        if (low > high) {
            return;
        }
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :low AND :high")
                .expressionAttributeNames(KEY_NAMES)
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(FeedChunk.PARTITION),
                        ":low", FeedChunk.number(low),
                        ":high", FeedChunk.number(high)))
                .scanIndexForward(forward)
                .consistentRead(consistent)
                .build();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = client.query(request.toBuilder().exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (!sink.test(FeedChunk.fromItem(item, tableName))) {
                    return;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            eachPage.run();
        } while (start != null);
    }

    private static Map<String, AttributeValue> key(long firstPosition) {
        return Map.of(FeedTable.PK, AttributeValue.fromS(FeedChunk.PARTITION),
                FeedTable.SK, FeedChunk.number(firstPosition));
    }
}
