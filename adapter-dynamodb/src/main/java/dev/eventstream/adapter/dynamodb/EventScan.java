package dev.eventstream.adapter.dynamodb;

import java.util.function.Consumer;

/**
 * Every event of the events table, in no particular order, as a rebuild of the feed reads them: a strongly
 * consistent Scan, so that it sees every event committed before it started ({@link DynamoDbEventScan}).
 */
@FunctionalInterface
interface EventScan {

    /**
     * Hands the feed entry of every event item (not snapshots or aggregation markers) to {@code sink}.
     *
     * @param eachPage called after each page read; may throw to stop the scan
     * @throws dev.eventstream.api.EventStoreException when DynamoDB fails
     */
    void scan(Consumer<FeedPointer> sink, Runnable eachPage);
}
