package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.adapter.dynamodb.EventItem.AGGREGATIONS_PARTITION;
import static java.util.Objects.requireNonNull;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DeferredStart;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.Paging;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.SnapshotStore;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * {@link EventPersistence} on one DynamoDB table, through the DynamoDB Enhanced Client: one item per event, keyed by
 * stream and sequence, so that "the next position must be free" is a conditional write and no two writers can take
 * the same sequence. docs/dynamodb-design.md explains the data model and docs/dynamodb-cost.md what each operation
 * costs.
 *
 * <p>Thread-safe. Build it from a {@link DynamoDbConfig} (it then owns its client and closes it on {@link #close()})
 * or from a client you own. With {@code createTable} the constructor creates the tables (or checks those it finds);
 * without, it sends no request: the tables are checked on a thread of its own, and the first append waits for that
 * check, failing with its message, naming the table, when a table is missing or does not fit (docs/lambda.md).
 */
public final class DynamoDbEventPersistence implements EventPersistence {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbEventPersistence.class);

    private static final int KNOWN_STREAMS = 10_000;

    private final DynamoDbConfig config;
    private final DynamoDbClient client;
    private final boolean ownsClient;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<EventItem> table;
    private final EventQueries queries;
    private final DynamoDbSnapshots snapshots;
    /**
     * With {@code createTable=false}: the tables' checks, off the constructor's path and awaited by the first append,
     * then the feed's indexer; null otherwise.
     */
    private final @Nullable DeferredStart<String> preparation;
    /** The feed, when the config turns it on. */
    private final DynamoDbFeeds.@Nullable Feed feed;
    /** Set once publication tracking is on (guarded by this); see {@link #enablePublicationTracking()}. */
    private @Nullable DynamoDbOutbox outbox;
    /** What this process knows of each stream's version, learnt by appends and reads alike. */
    private final KnownVersions knownVersions = new KnownVersions(KNOWN_STREAMS);
    private final StreamAppends appends;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A persistence with its own client, built from {@code config} and closed by {@link #close()}.
     *
     * @throws IllegalStateException with {@code createTable}, when a table does not fit (without it, the first
     *     append throws it)
     * @throws dev.eventstream.api.EventStoreException when DynamoDB cannot be reached or refuses
     */
    public DynamoDbEventPersistence(DynamoDbConfig config) {
        this(DynamoDbClients.create(requireNonNull(config, "config is null")), config, true);
    }

    /**
     * A persistence on a client the caller built and keeps owning: {@link #close()} leaves it open. Only the
     * table settings of {@code config} apply; the client's own endpoint, retries and HTTP options are used. The
     * config's telemetry still counts the persistence's own retries and the indexer's lag, and reaches the DynamoDB
     * Streams client the indexer builds; the requests of {@code client} are reported only when it was built with
     * {@link DynamoDbTelemetry#interceptor}.
     */
    public DynamoDbEventPersistence(DynamoDbClient client, DynamoDbConfig config) {
        this(client, config, false);
    }

    DynamoDbEventPersistence(DynamoDbClient client, DynamoDbConfig config, boolean ownsClient) {
        this(client, config, ownsClient, Thread::sleep);
    }

    /** With the pause between attempts given, for tests that act while an append waits. */
    DynamoDbEventPersistence(DynamoDbClient client, DynamoDbConfig config, boolean ownsClient, Sleeper sleeper) {
        this(client, config, ownsClient, sleeper, DynamoDbFeeds.IN_PROCESS_INDEXER);
    }

    /** With the indexer a feed in {@code IN_PROCESS} mode starts given. */
    DynamoDbEventPersistence(DynamoDbClient client, DynamoDbConfig config, boolean ownsClient, Sleeper sleeper,
            FeedIndexerStarter indexer) {
        this.client = requireNonNull(client, "client is null");
        this.config = requireNonNull(config, "config is null");
        this.ownsClient = ownsClient;
        // No extensions: the default ones (versioned records, atomic counters) would inspect every request for
        // annotations this table schema never has.
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions().build();
        this.table = enhanced.table(config.tableName(), EventItem.SCHEMA);
        this.queries = new EventQueries(client, table);
        this.snapshots = new DynamoDbSnapshots(table, config.ttl());
        this.appends = new StreamAppends(client, enhanced, table, queries, knownVersions,
                requireNonNull(sleeper, "sleeper is null"), config.clientSettings().telemetry());
        try {
            if (config.createTable()) {
                EventTable.prepare(client, table, config);
                this.feed = DynamoDbFeeds.open(client, config, queries, indexer);
                this.preparation = null;
            } else {
                // Made elsewhere: checked off the start's path, before the first write (a DeferredStart).
                this.feed = DynamoDbFeeds.openUnchecked(client, config, queries, indexer);
                this.preparation = new DeferredStart<>("eventstream-prepare-" + config.tableName(),
                        "checking the DynamoDB tables", () -> {
                            TableDescription events = EventTable.prepare(client, table, config);
                            return config.feedEnabled() ? FeedTable.prepare(client, config, events) : "";
                        }, this::startBackgroundWork);
            }
        } catch (RuntimeException e) {
            if (ownsClient) {
                client.close();
            }
            throw e;
        }
    }

    @Override
    public AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        AppendBatch batch = new AppendBatch(stream, events, config.ttl(), appends.now());
        ensureOpen();
        if (preparation != null) {
            preparation.awaitPrepared();
        }
        try {
            return appends.append(batch, expected);
        } catch (SdkException e) {
            throw failure(e, "append to " + stream);
        } finally {
            if (preparation != null) {
                preparation.release();
            }
        }
    }

    /**
     * Waits for the checks of tables made elsewhere ({@code createTable=false}), which run off the constructor's
     * path, and throws what they found; returns at once when the constructor created or checked the tables. A
     * long-running service calls it after construction so that a missing or unfit table stops its start (the Guice
     * module and the Spring Boot starter do); an AWS Lambda function does not, and its first append waits instead.
     *
     * @throws IllegalStateException when a table is missing or does not fit, naming it; a later call checks again
     */
    public void checkTables() {
        ensureOpen();
        if (preparation != null) {
            preparation.awaitPrepared();
        }
    }

    /**
     * {@code persistence} once {@link #checkTables()} passed; closed, and the check's failure thrown, when it did
     * not: what a service's wiring builds at start.
     */
    public static DynamoDbEventPersistence withTablesChecked(DynamoDbEventPersistence persistence) {
        try {
            persistence.checkTables();
            return persistence;
        } catch (RuntimeException e) {
            persistence.close();
            throw e;
        }
    }

    /**
     * The store's exception for {@code e}. With tables made elsewhere, a missing resource has the tables checked,
     * so that the error names the table that is missing or does not fit.
     */
    private RuntimeException failure(SdkException e, String action) {
        if (preparation != null && e instanceof ResourceNotFoundException) {
            preparation.awaitPrepared();
        }
        return DynamoDbExceptions.translate(e, action);
    }

    /** Once the tables made elsewhere were checked: starts the feed's indexer in {@code IN_PROCESS} mode. */
    private void startBackgroundWork(String streamArn) {
        if (feed != null && feed.indexer() instanceof DynamoDbFeeds.LaterIndexer later && !closed.get()) {
            later.start(streamArn);
        }
    }

    @Override
    public List<RecordedEvent> read(StreamKey stream, long fromSequence, long maxCount) {
        ensureOpen();
        try {
            List<RecordedEvent> events = queries.from(stream, fromSequence, maxCount);
            if (!events.isEmpty()) {
                knownVersions.sawAtLeast(stream, events.get(events.size() - 1).sequence());
            }
            return Collections.unmodifiableList(events);
        } catch (SdkException e) {
            throw failure(e, "read " + stream);
        }
    }

    /**
     * Reads lazily one DynamoDB page (up to 1 MB, one request) at a time, as the consumer gets to it;
     * {@code pageSize} is not needed, since DynamoDB's pages bound the memory already.
     */
    @Override
    public Stream<RecordedEvent> readLazily(StreamKey stream, long fromSequence, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
        ensureOpen();
        return Paging.lazily(fromSequence, from -> {
            try {
                Paging.Page page = queries.page(stream, from);
                if (!page.events().isEmpty()) {
                    knownVersions.sawAtLeast(stream, page.events().get(page.events().size() - 1).sequence());
                }
                return page;
            } catch (SdkException e) {
                throw failure(e, "read " + stream);
            }
        });
    }

    /**
     * From now on, stores every appended event as pending publication in its own item (the same single write),
     * until the returned outbox marks it published; see {@link DynamoDbOutbox}.
     */
    @Override
    public synchronized Optional<PublicationOutbox> enablePublicationTracking() {
        ensureOpen();
        if (outbox == null) {
            outbox = new DynamoDbOutbox(client, enhanced, table);
            appends.trackPublication();
        }
        return Optional.of(outbox);
    }

    /** The feed in the feed table when {@code feedMode} is not {@code OFF}; see {@link DynamoDbFeeds}. */
    @Override
    public Optional<FeedStorage> feed() {
        return feed == null ? Optional.empty() : Optional.of(feed.storage());
    }

    /**
     * How far the feed trails the events table's stream: the age of the newest stream record the indexer has read,
     * zero when it has read everything. Present only while this process indexes (it holds the indexer's lease);
     * the stream keeps records 24 hours, so a lag growing towards that is the alarm that matters.
     */
    public Optional<Duration> indexerLag() {
        return feed == null ? Optional.empty() : feed.indexerLag();
    }

    /** Snapshots in the events table, one item per stream; see {@link DynamoDbSnapshots}. */
    @Override
    public Optional<SnapshotStore> snapshots() {
        return Optional.of(snapshots);
    }

    @Override
    public List<String> aggregations(int offset, int limit) {
        return list(AGGREGATIONS_PARTITION, offset, limit, "list aggregations");
    }

    @Override
    public List<String> streams(String aggregation, int offset, int limit) {
        return list(EventItem.streamsPartition(aggregation), offset, limit, "list streams of " + aggregation);
    }

    private List<String> list(String partition, int offset, int limit, String action) {
        ensureOpen();
        try {
            return queries.names(partition, offset, limit);
        } catch (SdkException e) {
            throw failure(e, action);
        }
    }

    /**
     * The events table's status, from one DescribeTable request, for a health check: it reads no item, and needs
     * only {@code dynamodb:DescribeTable}, which the start-up check needs already (docs/iam/dynamodb.json). The SDK
     * repeats a failed request up to {@code maxRetries} times, as for every request of this persistence.
     *
     * @return the status as DynamoDB names it, such as {@code ACTIVE} or {@code UPDATING}
     * @throws dev.eventstream.api.EventStoreUnavailableException when DynamoDB cannot be reached (asking again
     *     later may succeed)
     * @throws DynamoDbRejectedException when DynamoDB refuses, the table deleted or access denied included
     * @throws IllegalStateException when this persistence is closed
     */
    public String tableStatus() {
        ensureOpen();
        try {
            return client.describeTable(request -> request.tableName(config.tableName())).table()
                    .tableStatusAsString();
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "describe table " + config.tableName());
        }
    }

    /** Closes the client when this persistence built it; a client passed in stays open. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (preparation != null) {
                preparation.close();
            }
            if (feed != null) {
                // Before the client: the indexer uses it to the end.
                feed.close();
            }
            if (ownsClient) {
                client.close();
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** The client requests go through; for tests. */
    DynamoDbClient client() {
        return client;
    }

    @Override
    public String toString() {
        return "DynamoDbEventPersistence[table=" + config.tableName() + "]";
    }

    /** Waits between attempts: {@link Thread#sleep(long)}, or what a test puts in its place. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }
}
