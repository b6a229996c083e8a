package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.adapter.dynamodb.EventItem.PK;
import static java.util.Objects.requireNonNull;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.aws.AwsFailures;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
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
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The append protocol of {@link DynamoDbEventPersistence}: conditional writes at the positions after the expected
 * version, telling a conflict from a retry of the same append by what holds the positions, and retrying
 * {@code any()} appends while other writers take the positions. See docs/dynamodb-design.md.
 *
 * <p>Thread-safe. What it learns of each stream's version it keeps in the {@link KnownVersions} it shares with the
 * persistence's reads.
 */
final class StreamAppends {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAppends.class);

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
    private static final int KNOWN_AGGREGATIONS = 1_000;
    private static final int MAX_TRANSACTION_ITEMS = 100;
    private static final int APPEND_LOCK_STRIPES = 1024;
    /** Most events read at once to tell a conflict from a retry in one Query instead of two. */
    private static final long MAX_INSPECTED_SPAN = 32;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Cancellation reasons of a transaction that may succeed when tried again. */
    private static final Set<String> TRANSIENT_CANCELLATIONS =
            Set.of("TransactionConflict", "ProvisionedThroughputExceeded", "ThrottlingError", "RequestLimitExceeded");
    /** The {@code operation} tag of the retries counted here. */
    static final String APPEND = "append";

    /** The write takes a position only if no item holds it yet. */
    private static final Expression POSITION_IS_FREE = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .putExpressionName("#pk", PK)
            .build();

    private final DynamoDbClient client;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<EventItem> table;
    private final String tableName;
    private final EventQueries queries;
    private final KnownVersions knownVersions;
    private final KnownAggregations knownAggregations = new KnownAggregations(KNOWN_AGGREGATIONS);
    private final ContendedStreams contendedStreams = new ContendedStreams(CONTENDED_STREAMS, CONTENTION_WINDOW);
    private final DynamoDbEventPersistence.Sleeper sleeper;
    /** Counts the attempts repeated after a lost race or a transaction conflict, and the appends given up. */
    private final StoreTelemetry telemetry;
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
    /** Set once publication tracking is on: from then on every appended event is stored as pending. */
    private volatile boolean trackPublication;

    StreamAppends(DynamoDbClient client, DynamoDbEnhancedClient enhanced, DynamoDbTable<EventItem> table,
            EventQueries queries, KnownVersions knownVersions, DynamoDbEventPersistence.Sleeper sleeper,
            StoreTelemetry telemetry) {
        this.client = requireNonNull(client, "client is null");
        this.enhanced = requireNonNull(enhanced, "enhanced is null");
        this.table = requireNonNull(table, "table is null");
        this.tableName = table.tableName();
        this.queries = requireNonNull(queries, "queries is null");
        this.knownVersions = requireNonNull(knownVersions, "knownVersions is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    /** From now on, every appended event is stored as pending publication as well. */
    void trackPublication() {
        trackPublication = true;
    }

    /** The commit time of an append that starts now, by the store's clock. */
    Instant now() {
        return clock.instant();
    }

    /**
     * Appends {@code batch} after {@code expected}: one writer of this process at a time per stream, and while
     * writers elsewhere take the positions, again.
     */
    AppendResult append(AppendBatch batch, ExpectedVersion expected) {
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
                    return new AppendResult(stored, version + batch.size(), true);
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
                telemetry.count(Meter.RETRIES_EXHAUSTED, 1, APPEND);
                throw new EventStoreUnavailableException(String.format("Append to %s gave up after %d attempts in %d"
                        + " ms: concurrent writers kept taking the position (retry later, or spread the writes)",
                        stream, attempt, (now - started) / 1_000_000));
            }
            telemetry.count(Meter.RETRIES, 1, APPEND);
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
        List<EventItem> items = batch.items(version, commitTimestamp, trackPublication);
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
                    .tableName(tableName)
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
