package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.LeaseStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Starts the indexer that keeps the feed up to date from the events table's stream, in a persistence whose feed
 * mode is {@link DynamoDbConfig.FeedMode#IN_PROCESS}. The persistence calls it once, after both tables are ready,
 * and closes what it returns when it closes, before its client.
 */
@FunctionalInterface
interface FeedIndexerStarter {
    /** Starts no indexer: the feed then grows only when an indexer elsewhere writes it. */
    FeedIndexerStarter NONE = parts -> () -> {};

    /**
     * Starts indexing; must return quickly (the indexer works on threads of its own).
     *
     * @return stops the indexer, releasing its lease
     */
    AutoCloseable start(Parts parts);

    /**
     * What the indexer works with.
     *
     * @param client the persistence's DynamoDB client (a DynamoDB Streams client is built from {@code config})
     * @param config the persistence's settings
     * @param streamArn the ARN of the events table's DynamoDB stream
     * @param chunks where the indexer writes the feed
     * @param leases where the indexer takes its lease ({@code indexer})
     * @param events the stream read path of the events table, for events whose records arrive late
     * @param advanced to call after each chunk written: wakes this process's readers at the feed's end
     */
    record Parts(DynamoDbClient client, DynamoDbConfig config, String streamArn, FeedChunks chunks,
            LeaseStore leases, EventQueries events, Runnable advanced) {
        public Parts {
            requireNonNull(client, "client is null");
            requireNonNull(config, "config is null");
            requireNonNull(streamArn, "streamArn is null");
            requireNonNull(chunks, "chunks is null");
            requireNonNull(leases, "leases is null");
            requireNonNull(events, "events is null");
            requireNonNull(advanced, "advanced is null");
        }
    }
}
