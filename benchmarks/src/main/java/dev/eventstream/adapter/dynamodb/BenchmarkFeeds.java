package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.FeedStorage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB feed on an engine without DynamoDB Streams (dynalite), for the benchmarks: the feed storage a
 * persistence in {@code feedMode} EXTERNAL reads ({@link DynamoDbFeeds#storage}, the very parts
 * {@link DynamoDbFeeds#open} builds once the stream is prepared), and its chunks written as the indexer writes them
 * ({@link DynamoDbFeedChunks#write}). Lives in the adapter's package, inside the benchmarks module, because the
 * chunk writer is the adapter's own and stays package-private; nothing here is part of the adapter.
 *
 * <p>{@code FeedMode.EXTERNAL} itself cannot open on dynalite: the persistence checks that the events table has a
 * stream (the external indexer's source), and dynalite has none.
 */
public final class BenchmarkFeeds {
    private BenchmarkFeeds() {}

    /**
     * Creates the feed table {@code config.feedTableName()} (on-demand, keys {@code pk} S and {@code sk} N, as the
     * store creates it) and returns the feed storage over it and the events table {@code config.tableName()}.
     */
    public static FeedStorage createStorage(DynamoDbClient client, DynamoDbConfig config) {
        requireNonNull(client, "client is null");
        if (!config.feedEnabled()) {
            throw new IllegalArgumentException("the config's feedMode is OFF: set EXTERNAL for a feed read here");
        }
        client.createTable(r -> r.tableName(config.feedTableName())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(FeedTable.PK)
                                .attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(FeedTable.SK)
                                .attributeType(ScalarAttributeType.N).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(FeedTable.PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(FeedTable.SK).keyType(KeyType.RANGE).build()));
        return DynamoDbFeeds.storage(client, config, Clock.systemUTC(), Thread::sleep);
    }

    /**
     * Appends {@code events} to the feed of {@code storage}, in this order, in chunks of
     * {@link FeedChunks#MAX_ENTRIES}, each written at the tail's next position as the indexer writes it (with no
     * shard checkpoints: there is no stream).
     *
     * @return the feed's last position afterwards
     * @throws IllegalArgumentException when {@code storage} is not one {@link #createStorage} made
     * @throws IllegalStateException when another writer wrote a chunk at the same position meanwhile
     */
    public static long append(FeedStorage storage, List<RecordedEvent> events) {
        if (!(storage instanceof DynamoDbFeedStorage dynamoDb)) {
            throw new IllegalArgumentException("not a DynamoDB feed storage: " + storage);
        }
        FeedChunks chunks = dynamoDb.chunks();
        long next = chunks.tail(0).nextPosition();
        for (int from = 0; from < events.size(); from += FeedChunks.MAX_ENTRIES) {
            List<FeedPointer> pointers = new ArrayList<>(FeedChunks.MAX_ENTRIES);
            long newest = 0;
            for (RecordedEvent event : events.subList(from, Math.min(events.size(), from + FeedChunks.MAX_ENTRIES))) {
                long commitMillis = event.commitTimestamp().toEpochMilli();
                pointers.add(new FeedPointer(event.stream(), event.sequence(), event.eventId(), event.eventType(),
                        commitMillis));
                newest = Math.max(newest, commitMillis);
            }
            if (!chunks.write(next, pointers, ShardCheckpoints.NONE, newest)) {
                throw new IllegalStateException("a feed chunk at position " + next + " was written by someone else");
            }
            next += pointers.size();
        }
        return next - 1;
    }
}
