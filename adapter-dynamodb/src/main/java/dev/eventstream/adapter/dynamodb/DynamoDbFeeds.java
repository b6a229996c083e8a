package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.aws.AwsClients;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Builds the feed of a {@link DynamoDbEventPersistence} whose config turns it on, and starts its indexer. */
final class DynamoDbFeeds {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbFeeds.class);

    /**
     * The indexer a persistence in {@link DynamoDbConfig.FeedMode#IN_PROCESS} mode starts unless it is given
     * another: a {@link StreamsIndexer} on a DynamoDB Streams client of its own, built from the persistence's
     * client settings, which it closes when it stops. While it runs, the settings' telemetry has its lag as the
     * gauge {@link Meter#INDEXER_LAG}, in seconds (0 while it stands by for the lease).
     */
    static final FeedIndexerStarter IN_PROCESS_INDEXER = DynamoDbFeeds::startStreamsIndexer;

    private static AutoCloseable startStreamsIndexer(FeedIndexerStarter.Parts parts) {
        DynamoDbStreamsClient streams = AwsClients.create(DynamoDbStreamsClient.builder(),
                parts.config().clientSettings());
        StreamsIndexer indexer = new StreamsIndexer(streams, parts.streamArn(), parts.chunks(), parts.leases(),
                parts.events()::from, new DynamoDbEventScan(parts.client(), parts.config().tableName()),
                parts.advanced(), Clock.systemUTC(), IndexerSettings.DEFAULT);
        indexer.start();
        StoreTelemetry telemetry = parts.config().clientSettings().telemetry();
        return new RunningIndexer(indexer, streams, telemetry.gauge(Meter.INDEXER_LAG, () -> seconds(indexer.lag())));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The indexer this process runs, with its own Streams client and its lag's gauge, closed with it. */
    private record RunningIndexer(StreamsIndexer indexer, DynamoDbStreamsClient streams,
            StoreTelemetry.Registration lagGauge) implements AutoCloseable {
        /** How far the feed trails the stream, while this process holds the indexer's lease. */
        Optional<Duration> lag() {
            return indexer.holdsLease() ? Optional.of(indexer.lag()) : Optional.empty();
        }

        @Override
        public void close() {
            try {
                lagGauge.close();
                indexer.close();
            } finally {
                streams.close();
            }
        }
    }

    private DynamoDbFeeds() {}

    /** A persistence's feed: the storage, and the indexer this process runs (a no-op when it runs none). */
    record Feed(DynamoDbFeedStorage storage, AutoCloseable indexer) implements AutoCloseable {
        Feed {
            requireNonNull(storage, "storage is null");
            requireNonNull(indexer, "indexer is null");
        }

        /** The lag of the indexer this process runs, while it holds the lease; empty otherwise. */
        Optional<Duration> indexerLag() {
            AutoCloseable current = indexer instanceof LaterIndexer later ? later.started() : indexer;
            return current instanceof RunningIndexer running ? running.lag() : Optional.empty();
        }

        /** Stops the indexer; a failure to is logged, since closing goes on. */
        @Override
        public void close() {
            try {
                indexer.close();
            } catch (Exception e) {
                LOG.warn("Stopping the feed's indexer failed", e);
            }
        }
    }

    /**
     * Prepares the feed's stream and table ({@link FeedTable#prepare}) and builds the feed; in
     * {@link DynamoDbConfig.FeedMode#IN_PROCESS} mode starts {@code indexer} on it.
     *
     * @return null when the config's feed mode is {@link DynamoDbConfig.FeedMode#OFF}
     * @throws IllegalStateException when a table is missing or does not fit
     * @throws dev.eventstream.api.EventStoreException when DynamoDB fails
     */
    static @Nullable Feed open(DynamoDbClient client, DynamoDbConfig config, EventQueries events,
            FeedIndexerStarter indexer) {
        if (!config.feedEnabled()) {
            return null;
        }
        String streamArn = FeedTable.prepare(client, config);
        DynamoDbFeedStorage storage = storage(client, config, Clock.systemUTC(), Thread::sleep);
        if (config.feedMode() != DynamoDbConfig.FeedMode.IN_PROCESS) {
            return new Feed(storage, () -> {});
        }
        if (indexer == FeedIndexerStarter.NONE) {
            LOG.warn("feedMode is IN_PROCESS but no indexer is available in this process: the feed of table {}"
                    + " grows only while an indexer runs elsewhere", config.tableName());
        }
        AutoCloseable started = indexer.start(new FeedIndexerStarter.Parts(client, config, streamArn,
                storage.chunks(), storage.leases(), events, storage::advanced));
        return new Feed(storage, started);
    }

    /**
     * The feed on tables that are checked later ({@code createTable=false}, see
     * {@link dev.eventstream.core.DeferredStart}): no request now; in {@link DynamoDbConfig.FeedMode#IN_PROCESS}
     * mode the indexer starts when {@link LaterIndexer#start} is given the stream's ARN.
     *
     * @return null when the config's feed mode is {@link DynamoDbConfig.FeedMode#OFF}
     */
    static @Nullable Feed openUnchecked(DynamoDbClient client, DynamoDbConfig config, EventQueries events,
            FeedIndexerStarter indexer) {
        if (!config.feedEnabled()) {
            return null;
        }
        DynamoDbFeedStorage storage = storage(client, config, Clock.systemUTC(), Thread::sleep);
        if (config.feedMode() != DynamoDbConfig.FeedMode.IN_PROCESS) {
            return new Feed(storage, () -> {});
        }
        return new Feed(storage, new LaterIndexer(streamArn -> indexer.start(new FeedIndexerStarter.Parts(client,
                config, streamArn, storage.chunks(), storage.leases(), events, storage::advanced))));
    }

    /** An indexer started after the feed was made, once; never after it was closed. */
    static final class LaterIndexer implements AutoCloseable {
        private final Function<String, AutoCloseable> starter;
        private @Nullable AutoCloseable started;
        private boolean closed;

        LaterIndexer(Function<String, AutoCloseable> starter) {
            this.starter = requireNonNull(starter, "starter is null");
        }

        /** Starts the indexer on {@code streamArn}, unless it started already or was closed. */
        synchronized void start(String streamArn) {
            if (!closed && started == null) {
                started = starter.apply(streamArn);
            }
        }

        synchronized @Nullable AutoCloseable started() {
            return started;
        }

        @Override
        public synchronized void close() throws Exception {
            closed = true;
            if (started != null) {
                started.close();
            }
        }
    }

    /** The feed's parts on tables that are ready, without preparing or indexing anything. */
    static DynamoDbFeedStorage storage(DynamoDbClient client, DynamoDbConfig config, Clock clock,
            DynamoDbEventPersistence.Sleeper sleeper) {
        String feedTable = config.feedTableName();
        FeedEventReads reads = new FeedEventReads(client, config.tableName(), sleeper);
        DynamoDbFeedChunks chunks = new DynamoDbFeedChunks(client, feedTable, clock);
        return new DynamoDbFeedStorage(chunks, new DynamoDbEventFeed(chunks, reads),
                new DynamoDbCheckpoints(client, feedTable), new DynamoDbLeases(client, feedTable),
                new DynamoDbParkedEntries(client, feedTable, reads));
    }
}
