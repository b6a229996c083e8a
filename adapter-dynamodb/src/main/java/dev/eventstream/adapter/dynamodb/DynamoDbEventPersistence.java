package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.adapter.dynamodb.EventItem.AGGREGATIONS_PARTITION;
import static dev.eventstream.adapter.dynamodb.EventItem.PK;
import static java.util.Objects.requireNonNull;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.aws.AwsFailures;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.Paging;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

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

    /**
     * How long one append keeps trying while other writers take its positions (with {@code any()}) or hold them
     * in transactions, before it reports a retryable failure.
     */
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(30);
    /** The longest pause before a retry, in round trips of the attempt that lost. */
    private static final long RETRY_PAUSE_ROUNDS = 4;
    /** How long a stream counts as contended after an append of this process lost a race on it. */
    private static final Duration CONTENTION_WINDOW = Duration.ofSeconds(1);
    private static final int CONTENDED_STREAMS = 1_000;
    private static final int KNOWN_STREAMS = 10_000;
    private static final int KNOWN_AGGREGATIONS = 1_000;
    private static final int MAX_TRANSACTION_ITEMS = 100;
    private static final int APPEND_LOCK_STRIPES = 1024;
    /** Most events read at once to tell a conflict from a retry in one Query instead of two. */
    private static final long MAX_INSPECTED_SPAN = 32;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Cancellation reasons of a transaction that may succeed when tried again. */
    private static final Set<String> TRANSIENT_CANCELLATIONS =
            Set.of("TransactionConflict", "ProvisionedThroughputExceeded", "ThrottlingError", "RequestLimitExceeded");

    /** The write takes a position only if no item holds it yet. */
    private static final Expression POSITION_IS_FREE = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .putExpressionName("#pk", PK)
            .build();

    private final DynamoDbConfig config;
    private final DynamoDbClient client;
    private final boolean ownsClient;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<EventItem> table;
    private final EventQueries queries;
    private final DynamoDbSnapshots snapshots;
    /** With {@code createTable=false}: the tables' checks, which the first append waits for; null otherwise. */
    private final @Nullable TablePreparation preparation;
    /** The feed, when the config turns it on. */
    private final DynamoDbFeeds.@Nullable Feed feed;
    /** Set once publication tracking is on: from then on every appended event is stored as pending. */
    private volatile @Nullable DynamoDbOutbox outbox;
    private final KnownVersions knownVersions = new KnownVersions(KNOWN_STREAMS);
    private final KnownAggregations knownAggregations = new KnownAggregations(KNOWN_AGGREGATIONS);
    private final ContendedStreams contendedStreams = new ContendedStreams(CONTENDED_STREAMS, CONTENTION_WINDOW);
    private final Sleeper sleeper;
    private final Clock clock = Clock.systemUTC();
    /**
     * Appends to one stream from this process take turns: they would only make each other's conditional writes
     * fail (each failure costs a write and a read), and in turn the known version stays exact, so a process that
     * alone writes a stream never has a failed write. Writers in other processes are kept apart by the conditions.
     */
    private final Lock[] appendLocks = IntStream.range(0, APPEND_LOCK_STRIPES)
            .mapToObj(i -> new ReentrantLock(true))
            .toArray(Lock[]::new);
    private final AtomicLong lastCommitMillis = new AtomicLong();
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
     * table settings of {@code config} apply; the client's own endpoint, retries and HTTP options are used.
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
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        // No extensions: the default ones (versioned records, atomic counters) would inspect every request for
        // annotations this table schema never has.
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions().build();
        this.table = enhanced.table(config.tableName(), EventItem.SCHEMA);
        this.queries = new EventQueries(client, table);
        this.snapshots = new DynamoDbSnapshots(table, config.ttl());
        try {
            if (config.createTable()) {
                EventTable.prepare(client, table, config);
                this.feed = DynamoDbFeeds.open(client, config, queries, indexer);
                this.preparation = null;
            } else {
                // Made elsewhere: checked off the start's path, before the first write (TablePreparation).
                this.feed = DynamoDbFeeds.openUnchecked(client, config, queries, indexer);
                this.preparation = new TablePreparation(config.tableName(), () -> {
                    TableDescription events = EventTable.prepare(client, table, config);
                    return config.feedEnabled() ? FeedTable.prepare(client, config, events) : "";
                }, this::startBackgroundWork, TablePreparation.BACKGROUND_DELAY);
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
        AppendBatch batch = new AppendBatch(stream, events, config.ttl(), clock.instant());
        ensureOpen();
        if (preparation != null) {
            preparation.awaitChecked();
        }
        try {
            return append(batch, expected);
        } catch (SdkException e) {
            throw failure(e, "append to " + stream);
        } finally {
            if (preparation != null) {
                preparation.firstAppendReturned();
            }
        }
    }

    /**
     * The store's exception for {@code e}. With tables made elsewhere, a missing resource has the tables checked,
     * so that the error names the table that is missing or does not fit.
     */
    private RuntimeException failure(SdkException e, String action) {
        if (preparation != null && e instanceof ResourceNotFoundException) {
            preparation.awaitChecked();
        }
        return DynamoDbExceptions.translate(e, action);
    }

    /** Once the tables made elsewhere were checked: starts the feed's indexer in {@code IN_PROCESS} mode. */
    private void startBackgroundWork(String streamArn) {
        if (feed != null && feed.indexer() instanceof DynamoDbFeeds.LaterIndexer later && !closed.get()) {
            later.start(streamArn);
        }
    }

    private AppendResult append(AppendBatch batch, ExpectedVersion expected) {
        StreamKey stream = batch.stream();
        Lock lock = appendLocks[Math.floorMod(stream.hashCode(), appendLocks.length)];
        lock.lock();
        try {
            return appendLocked(batch, expected);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes at the version to append after and, while other writers take the positions, tries again. A retry of
     * {@code any()} pauses, then reads the version, so it writes at what the stream is after the pause. The pause
     * shrinks as the append waits, down to one round trip (the reverse of a growing backoff, under which those that
     * lost wait ever longer while a winner goes straight on). A process that lost a race on the stream lately also
     * pauses and reads before its next append's first write, instead of writing at once at a version others are
     * likely past, for as long as those reads find that others appended meanwhile. So the appends that waited
     * longest tend to go first. Pauses are counted in round trips of the attempt that lost, so they fit the engine's
     * speed. Gives up after {@link #RETRY_BUDGET}, not after a number of attempts.
     */
    private AppendResult appendLocked(AppendBatch batch, ExpectedVersion expected) {
        StreamKey stream = batch.stream();
        long version = startingVersion(stream, expected);
        boolean any = expected instanceof ExpectedVersion.Any;
        long started = System.nanoTime();
        if (any) {
            long round = contendedStreams.recentRoundNanos(stream, started);
            if (round != ContendedStreams.NOT_CONTENDED) {
                pause(stream, RETRY_PAUSE_ROUNDS * round);
                long known = knownVersions.get(stream);
                long readStarted = System.nanoTime();
                version = readVersion(stream);
                if (version > known) {
                    // Others appended since this process last saw the stream: it is still contended. (A winner
                    // that loses no race would otherwise soon stop pausing and take every position again.)
                    long now = System.nanoTime();
                    contendedStreams.sawOthersWriting(stream, now, now - readStarted);
                }
            }
        }
        for (int attempt = 1; ; attempt++) {
            long attemptStarted = System.nanoTime();
            Instant commitTimestamp = commitTime();
            // When this process knows the position is taken, reading it decides as well as a failed write, cheaper.
            Outcome outcome = knownVersions.get(stream) > version
                    ? inspectTaken(stream, version, batch.size())
                    : writeAt(batch, version, commitTimestamp);
            if (outcome instanceof Written) {
                knownVersions.sawAtLeast(stream, version + batch.size());
                return new AppendResult(batch.recorded(version, commitTimestamp), version + batch.size());
            }
            if (outcome instanceof Taken taken) {
                knownVersions.sawAtLeast(stream, version + taken.stored().size());
                if (batch.isStoredAs(version, taken.stored())) {
                    // An earlier attempt of this very append got there: return what it stored, write nothing.
                    List<RecordedEvent> stored = taken.stored().stream().map(i -> i.toRecordedEvent(stream)).toList();
                    return new AppendResult(stored, version + batch.size());
                }
                if (!any) {
                    // Gap-free streams: fewer items than positions tried means the stream ends at the last one found.
                    long actual = taken.actualVersion() != KnownVersions.UNKNOWN ? taken.actualVersion()
                            : taken.stored().size() < batch.size() ? version + taken.stored().size()
                            : readVersion(stream);
                    throw new WrongExpectedVersionException(stream, expected, actual);
                }
            }
            long now = System.nanoTime();
            long round = now - attemptStarted;
            if (any) {
                contendedStreams.sawOthersWriting(stream, now, round);
            }
            if (now - started >= RETRY_BUDGET.toNanos()) {
                throw new EventStoreUnavailableException(String.format("Append to %s gave up after %d attempts in %d"
                        + " ms: concurrent writers kept taking the position (retry later, or spread the writes)",
                        stream, attempt, (now - started) / 1_000_000));
            }
            pause(stream, Math.max(round, RETRY_PAUSE_ROUNDS * round - (now - started)));
            if (any) {
                // After the pause, not before it: other writers moved the stream on while this one waited.
                version = readVersion(stream);
            }
        }
    }

    /**
     * The version to append after: given by {@code noStream}; for {@code exactly(v)} checked with one consistent
     * read unless this process already knows item {@code v} exists; for {@code any} the known version or one read.
     */
    private long startingVersion(StreamKey stream, ExpectedVersion expected) {
        long known = knownVersions.get(stream);
        if (expected instanceof ExpectedVersion.Exactly exactly) {
            long version = exactly.version();
            if (known >= version) {
                return version;
            }
            long actual = readVersion(stream);
            if (actual < version) {
                // A future version: item v does not exist, so writing v+1 would leave a gap.
                throw new WrongExpectedVersionException(stream, expected, actual);
            }
            // actual > version is a conflict or a retry of an append that was stored: the write tells which.
            return version;
        }
        if (expected instanceof ExpectedVersion.Any) {
            return known >= 0 ? known : readVersion(stream);
        }
        return 0;
    }

    /**
     * The store's clock, in the milliseconds an item holds. It never goes back within this process, even when the
     * system clock is set back, so commit timestamps along a stream written here never decrease.
     */
    private Instant commitTime() {
        return Instant.ofEpochMilli(lastCommitMillis.accumulateAndGet(clock.millis(), Math::max));
    }

    private Outcome writeAt(AppendBatch batch, long version, Instant commitTimestamp) {
        List<EventItem> items = batch.items(version, commitTimestamp, outbox != null);
        String aggregation = batch.stream().aggregation();
        boolean markAggregation = version == 0 && !knownAggregations.contains(aggregation);
        boolean markerFits = items.size() < MAX_TRANSACTION_ITEMS;
        Outcome outcome = items.size() == 1 && !markAggregation
                ? putOne(items.get(0))
                : transact(batch, version, commitTimestamp, items, markAggregation && markerFits);
        if (outcome instanceof Written && markAggregation) {
            if (!markerFits) {
                putMarkerAfterTheFact(aggregation);
            } else {
                knownAggregations.add(aggregation);
            }
        }
        return outcome;
    }

    /** One event at a free position: one PutItem; on a taken position DynamoDB returns the item holding it. */
    private Outcome putOne(EventItem item) {
        try {
            // The low-level client and the item's map built directly (EventPut): the Enhanced Client's put, and the
            // table schema's mapping, would make the same request with more steps on every append.
            client.putItem(r -> r
                    .tableName(config.tableName())
                    .item(EventPut.attributes(item))
                    .conditionExpression(POSITION_IS_FREE.expression())
                    .expressionAttributeNames(POSITION_IS_FREE.expressionNames())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Written.INSTANCE;
        } catch (ConditionalCheckFailedException e) {
            EventItem stored = e.hasItem() && !e.item().isEmpty()
                    ? EventItem.SCHEMA.mapToItem(e.item())
                    : table.getItem(r -> r.key(EventQueries.key(item.pk(), item.sequence())).consistentRead(true));
            return stored == null ? Contended.INSTANCE : new Taken(List.of(stored), KnownVersions.UNKNOWN);
        } catch (TransactionConflictException e) {
            // The position is being written by a transaction right now.
            return Contended.INSTANCE;
        }
    }

    /**
     * Several events (or a stream's first event with its aggregation's marker) in one TransactWriteItems: all
     * positions must be free, and all items are written or none. The request token makes the SDK's own resend of
     * an attempt that did commit answer success instead of a cancellation.
     */
    private Outcome transact(AppendBatch batch, long version, Instant commitTimestamp, List<EventItem> items,
            boolean withMarker) {
        TransactWriteItemsEnhancedRequest.Builder request = TransactWriteItemsEnhancedRequest.builder()
                .clientRequestToken(batch.requestToken(version, commitTimestamp));
        for (EventItem item : items) {
            request.addPutItem(table, TransactPutItemEnhancedRequest.builder(EventItem.class)
                    .item(item)
                    .conditionExpression(POSITION_IS_FREE)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        }
        if (withMarker) {
            // Unconditional: rewriting an existing marker changes nothing, and the marker appears exactly when
            // the aggregation's first stream does.
            request.addPutItem(table, EventItem.aggregationMarker(batch.stream().aggregation()));
        }
        try {
            enhanced.transactWriteItems(request.build());
            return Written.INSTANCE;
        } catch (TransactionCanceledException e) {
            List<String> reasons = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(CancellationReason::code).toList()
                    : List.of();
            if (reasons.contains(CONDITION_FAILED) || reasons.isEmpty()) {
                List<EventItem> stored = takenPositions(e.cancellationReasons(), items.size());
                return stored != null ? new Taken(stored, KnownVersions.UNKNOWN)
                        : taken(batch.stream(), version, items.size());
            }
            if (reasons.stream().anyMatch(TRANSIENT_CANCELLATIONS::contains)) {
                return Contended.INSTANCE;
            }
            throw new DynamoDbRejectedException(
                    "DynamoDB cancelled the transaction to append to " + batch.stream() + ": " + reasons,
                    AwsFailures.causeOutsideTheSdk(e));
        } catch (IdempotentParameterMismatchException e) {
            // The token matched an earlier, different request: what is stored decides.
            return taken(batch.stream(), version, items.size());
        }
    }

    /**
     * The items holding the positions, from the cancellation reasons (DynamoDB returns each taken position's item
     * there), oldest first; null when the reasons do not tell (an engine that returns no items, or a reason other
     * than a failed condition), so the positions must be read.
     */
    private static @Nullable List<EventItem> takenPositions(List<CancellationReason> reasons, int positions) {
        if (reasons.size() < positions) {
            return null;
        }
        List<EventItem> stored = new ArrayList<>(positions);
        for (int i = 0; i < positions; i++) {
            CancellationReason reason = reasons.get(i);
            boolean taken = CONDITION_FAILED.equals(reason.code());
            if (taken && reason.hasItem() && !reason.item().isEmpty() && stored.size() == i) {
                stored.add(EventItem.SCHEMA.mapToItem(reason.item()));
            } else if (taken || !"None".equals(reason.code())) {
                return null;
            }
        }
        return stored.isEmpty() ? null : stored;
    }

    private Outcome taken(StreamKey stream, long version, int count) {
        List<EventItem> stored = queries.range(stream.asString(), version + 1, count);
        return stored.isEmpty() ? Contended.INSTANCE : new Taken(stored, KnownVersions.UNKNOWN);
    }

    /**
     * What holds the positions after {@code version}, which this process knows are taken, together with the
     * stream's actual version. When the known version is only a little ahead, one consistent Query for the newest
     * events answers both, provided no other process appended since (its items then reach down to the position);
     * otherwise the positions are read, and the version after them.
     */
    private Outcome inspectTaken(StreamKey stream, long version, int count) {
        long span = knownVersions.get(stream) - version;
        if (span >= count && span <= MAX_INSPECTED_SPAN) {
            List<EventItem> newestFirst = queries.newest(stream.asString(), span);
            if (!newestFirst.isEmpty() && newestFirst.get(newestFirst.size() - 1).sequence() == version + 1) {
                long actual = newestFirst.get(0).sequence();
                knownVersions.sawAtLeast(stream, actual);
                List<EventItem> positions =
                        new ArrayList<>(newestFirst.subList(newestFirst.size() - count, newestFirst.size()));
                Collections.reverse(positions);
                return new Taken(positions, actual);
            }
        }
        return taken(stream, version, count);
    }

    /**
     * A first append of {@value #MAX_TRANSACTION_ITEMS} events leaves no room for the marker in its transaction, so
     * the marker follows it. Should that fail, the stream is stored and listed under its aggregation, and the next
     * new stream of the aggregation writes the marker.
     */
    private void putMarkerAfterTheFact(String aggregation) {
        try {
            table.putItem(EventItem.aggregationMarker(aggregation));
            knownAggregations.add(aggregation);
        } catch (SdkException e) {
            LOG.warn("Could not list aggregation {} after storing its first stream; its next new stream will",
                    aggregation, e);
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

    /** The stream's version: its last sequence, 0 when empty. One consistent Query, newest first, Limit 1. */
    private long readVersion(StreamKey stream) {
        long version = queries.version(stream.asString());
        knownVersions.sawAtLeast(stream, version);
        return version;
    }

    /**
     * Waits between half of {@code ceilingNanos} and all of it, at random so that writers that collided spread
     * out; nothing when the ceiling is not positive.
     */
    private void pause(StreamKey stream, long ceilingNanos) {
        if (ceilingNanos <= 0) {
            return;
        }
        long nanos = ceilingNanos / 2 + ThreadLocalRandom.current().nextLong(ceilingNanos / 2 + 1);
        try {
            sleeper.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreUnavailableException("Append to " + stream + " was interrupted between attempts;"
                    + " nothing of it was written", e);
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

    /** What one write attempt found. */
    private sealed interface Outcome permits Written, Taken, Contended {}

    /** Every item was written. */
    private enum Written implements Outcome {
        INSTANCE
    }

    /**
     * The positions tried were (partly) taken; {@code stored} is what holds them, oldest first, never empty.
     * {@code actualVersion} is the stream's version when the same read found it, else {@link KnownVersions#UNKNOWN}.
     */
    private record Taken(List<EventItem> stored, long actualVersion) implements Outcome {}

    /** A concurrent transaction held an item; nothing was written and the same attempt may succeed later. */
    private enum Contended implements Outcome {
        INSTANCE
    }
}
