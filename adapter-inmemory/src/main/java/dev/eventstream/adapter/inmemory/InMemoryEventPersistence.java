package dev.eventstream.adapter.inmemory;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Json;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.SnapshotStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EventPersistence} that keeps events in memory, with the semantics of the durable adapters, so that
 * tests on it behave as production does. Thread-safe; nothing survives the process.
 *
 * <ul>
 *   <li><b>Versions and conflicts.</b> Appends to one stream take that stream's lock; appends to different streams
 *       run in parallel. Expected versions, the actual version a conflict reports, and all-or-nothing batches are
 *       as {@link EventPersistence#append} describes.
 *   <li><b>Idempotency.</b> Repeating an append whose events are already stored right after the expected version
 *       returns the stored records and writes nothing. <b>An event id reused at another position is not
 *       detected</b> (an {@code any()} retry stores the events again), the same choice as the DynamoDB adapter,
 *       where detecting it costs a write per event; see {@code docs/decisions.md}.
 *   <li><b>Commit timestamps</b> come from the {@link Clock} given at construction, but are never earlier than the
 *       stream's previous event, so they never decrease along a stream even when the clock steps back. One batch
 *       shares one timestamp.
 *   <li><b>Payloads</b> are stored as the JSON text the {@link NewEvent} was written as, the form a durable store
 *       reads back (a {@code float} 1.5 comes back as the decimal 1.5, as it would from DynamoDB), and every event
 *       handed out is made afresh from that text, its payload parsed when first asked for: no caller can change a
 *       stored event through a payload object.
 *   <li><b>Listings</b> are sorted by {@link String#compareTo}; a stream is listed once its first event is
 *       committed.
 *   <li><b>Publication tracking</b> is supported ({@link #enablePublicationTracking()}): each committed event is
 *       marked pending in the same step as the commit.
 *   <li><b>Snapshots</b> are kept ({@link #snapshots()}), so {@code loadFromHistory} takes the same path as on a
 *       durable store that keeps them.
 *   <li><b>The feed</b> ({@link #feed()}) is a log of every committed event: an append gives its events the next
 *       positions under a short lock of the log while it holds its stream's lock, so positions are dense, each
 *       stream's events appear in sequence order, and an event is in the feed when its append returns. Appends to
 *       different streams still run in parallel but for that step. Checkpoints, leases and parked entries are kept
 *       beside it; every store built on this persistence shares them, as processes share a durable store.
 * </ul>
 *
 * <p>{@link #close()} releases nothing and keeps the events.
 */
public final class InMemoryEventPersistence implements EventPersistence {
    private final Clock clock;
    private final ConcurrentMap<StreamKey, StreamLog> streams = new ConcurrentHashMap<>();
    /** Aggregation to the ids of its streams that hold an event; both sorted by {@link String#compareTo}. */
    private final ConcurrentSkipListMap<String, Set<String>> index = new ConcurrentSkipListMap<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    private final InMemoryFeedStorage feed;
    private volatile boolean trackingPublications;

    /** A persistence whose commit timestamps (and lease times) come from the system clock, in UTC. */
    public InMemoryEventPersistence() {
        this(Clock.systemUTC());
    }

    /**
     * A persistence whose commit timestamps come from {@code clock}, e.g. a fixed clock in tests. Its leases judge
     * by the same clock how long a holder has not renewed, so a test can move it to let a lease expire.
     */
    public InMemoryEventPersistence(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.feed = new InMemoryFeedStorage(clock);
    }

    @Override
    public AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        List<String> payloads = events.stream().map(NewEvent::payloadJson).toList();
        StreamLog log = streams.computeIfAbsent(stream, key -> new StreamLog());
        List<StoredEvent> committed;
        synchronized (log) {
            long version = log.version();
            if (!expected.isSatisfiedBy(version)) {
                long after = expected instanceof ExpectedVersion.Exactly exactly ? exactly.version() : 0;
                List<StoredEvent> already = log.holding(after, events, payloads);
                if (already == null) {
                    throw new WrongExpectedVersionException(stream, expected, version);
                }
                return result(already, true);
            }
            Instant timestamp = log.nextTimestamp(clock.instant());
            committed = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                NewEvent event = events.get(i);
                committed.add(new StoredEvent(stream, version + i + 1, event.eventId(), event.eventType(),
                        event.revision(), payloads.get(i), event.metadata(), timestamp));
            }
            log.addAll(committed);
            if (version == 0) {
                index.computeIfAbsent(stream.aggregation(), aggregation -> new ConcurrentSkipListSet<>())
                        .add(stream.streamId());
            }
            if (trackingPublications) {
                outbox.add(StoredEvent.recorded(committed));
            }
            // Still under the stream's lock: the stream's events enter the feed in sequence order.
            feed.entries().add(committed);
        }
        feed.entries().advanced();
        return result(committed, false);
    }

    @Override
    public List<RecordedEvent> read(StreamKey stream, long fromSequence, long maxCount) {
        StreamLog log = streams.get(stream);
        if (log == null) {
            return List.of();
        }
        List<StoredEvent> slice;
        synchronized (log) {
            slice = log.slice(fromSequence, maxCount);
        }
        return StoredEvent.recorded(slice);
    }

    @Override
    public List<String> aggregations(int offset, int limit) {
        return index.keySet().stream().skip(offset).limit(limit).toList();
    }

    @Override
    public List<String> streams(String aggregation, int offset, int limit) {
        Set<String> ids = index.get(aggregation);
        return ids == null ? List.of() : ids.stream().skip(offset).limit(limit).toList();
    }

    @Override
    public Optional<PublicationOutbox> enablePublicationTracking() {
        trackingPublications = true;
        return Optional.of(outbox);
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
        return Optional.of(snapshots);
    }

    /** The feed, with checkpoints, leases and parked entries, shared by every store built on this persistence. */
    @Override
    public Optional<FeedStorage> feed() {
        return Optional.of(feed);
    }

    @Override
    public String toString() {
        return "InMemoryEventPersistence[" + streams.size() + " streams]";
    }

    private static AppendResult result(List<StoredEvent> events, boolean alreadyStored) {
        return new AppendResult(StoredEvent.recorded(events), events.get(events.size() - 1).sequence(),
                alreadyStored);
    }

    /** One stream's events. Not thread-safe: guarded by its own monitor. */
    private static final class StreamLog {
        private final List<StoredEvent> events = new ArrayList<>();
        private @Nullable Instant lastTimestamp;

        long version() {
            return events.size();
        }

        /** {@code now}, or the previous commit's timestamp when the clock went back. */
        Instant nextTimestamp(Instant now) {
            Instant timestamp = lastTimestamp != null && now.isBefore(lastTimestamp) ? lastTimestamp : now;
            lastTimestamp = timestamp;
            return timestamp;
        }

        void addAll(List<StoredEvent> committed) {
            events.addAll(committed);
        }

        /**
         * The stored events right after version {@code after} when they are exactly {@code batch} (same ids,
         * types, revisions, metadata and payloads, the latter written as {@code payloads}; same order), or null
         * when those positions
         * hold anything else or nothing.
         */
        @Nullable List<StoredEvent> holding(long after, List<NewEvent> batch, List<String> payloads) {
            // Written so that an expected version near Long.MAX_VALUE cannot overflow.
            if (after > events.size() - batch.size()) {
                return null;
            }
            List<StoredEvent> stored = events.subList((int) after, (int) after + batch.size());
            for (int i = 0; i < batch.size(); i++) {
                StoredEvent event = stored.get(i);
                // Compared as stored, so a float in the batch's tree matches the double its text reads back as.
                if (!event.eventId().equals(batch.get(i).eventId())
                        || !event.eventType().equals(batch.get(i).eventType())
                        || event.revision() != batch.get(i).revision()
                        || !event.metadata().sameContentAs(batch.get(i).metadata())
                        || !Json.sameValue(event.payloadJson(), payloads.get(i))) {
                    return null;
                }
            }
            return List.copyOf(stored);
        }

        List<StoredEvent> slice(long fromSequence, long maxCount) {
            long fromIndex = fromSequence - 1;
            if (fromIndex >= events.size()) {
                return List.of();
            }
            long toIndex = fromIndex + Math.min(maxCount, events.size() - fromIndex);
            return List.copyOf(events.subList((int) fromIndex, (int) toIndex));
        }
    }
}
