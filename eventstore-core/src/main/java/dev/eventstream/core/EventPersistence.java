package dev.eventstream.core;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Port: where events are stored. Implementations must be thread-safe and pass
 * {@code dev.eventstream.testkit.EventPersistenceContract}.
 *
 * <p>{@link DefaultEventStore} validates arguments before calling a port method: names are valid
 * {@link StreamKey}s, batches hold 1 to {@link dev.eventstream.api.Limits#MAX_EVENTS_PER_APPEND} events with
 * distinct ids, offsets and limits are in range. Implementations need not check these again. No exception type of
 * the underlying technology may escape: failures are {@link dev.eventstream.api.EventStoreException}s.
 */
public interface EventPersistence extends AutoCloseable {

    /**
     * Appends {@code events} atomically at the end of {@code stream}, giving them the sequences following the
     * stream's version: all of them are stored and visible, or none is.
     *
     * <p>Expected version: {@code any} appends at the end, retrying internally (bounded) when a concurrent
     * writer took the position; {@code noStream} requires an empty stream; {@code exactly(v)} requires the
     * stream's last sequence to be {@code v}, rejecting both a smaller and a larger actual version.
     *
     * <p>Idempotency: when the positions right after the expected version already hold events with the same
     * ids, types and payloads, in the same order, nothing is written and those stored events are returned. The
     * same positions holding anything else is a conflict. An internal retry after an ambiguous failure must not
     * store the events twice.
     *
     * @return the recorded events in the given order, never empty
     * @throws WrongExpectedVersionException when the expectation is not met, carrying the actual version
     * @throws dev.eventstream.api.EventTooLargeException when an event exceeds what one stored event may hold
     * @throws EventStoreUnavailableException when the storage failed after the implementation's retries
     */
    AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events);

    /**
     * Reads events of {@code stream} with a sequence of at least {@code fromSequence}, oldest first, at most
     * {@code maxCount} of them, without reading the events before {@code fromSequence}. The read sees every
     * append that completed before it started.
     *
     * @param fromSequence at least 1
     * @param maxCount at least 1; {@link Long#MAX_VALUE} reads to the end, however long the stream
     * @return never null; empty for an unknown stream or past the end
     */
    List<RecordedEvent> read(StreamKey stream, long fromSequence, long maxCount);

    /**
     * Reads events of {@code stream} from {@code fromSequence} to the end, lazily: a page is fetched only when the
     * consumer reaches it, so a stream of any length is read in about one page of memory. The default pages
     * through {@link #read} {@code pageSize} events at a time; adapters override it to follow their storage's
     * own pages.
     *
     * @param fromSequence at least 1
     * @param pageSize how many events to fetch per {@link #read} in the default implementation, at least 1
     * @return a sequential stream, oldest first; it holds no resources, closing it is not required
     */
    default Stream<RecordedEvent> readLazily(StreamKey stream, long fromSequence, int pageSize) {
        return Paging.lazily(fromSequence, pageSize, (from, count) -> read(stream, from, count));
    }

    /**
     * Aggregations holding at least one stream, ascending by {@link String#compareTo}, skipping {@code offset}
     * and returning at most {@code limit}.
     */
    List<String> aggregations(int offset, int limit);

    /**
     * Stream ids of {@code aggregation}, ascending by {@link String#compareTo}, skipping {@code offset} and
     * returning at most {@code limit}.
     */
    List<String> streams(String aggregation, int offset, int limit);

    /**
     * Turns on publication tracking: from this call on, every appended event is also recorded as pending
     * publication, in the same atomic write as the event, until it is marked published through the returned
     * outbox. A store with a publisher calls this once at construction; a store without one never does, so
     * storage without notifications pays nothing for them.
     *
     * @return empty when this persistence cannot track publications; notifications may then be lost when the
     *     publisher fails (the default)
     */
    default Optional<PublicationOutbox> enablePublicationTracking() {
        return Optional.empty();
    }

    /**
     * Where this persistence keeps snapshots of folded streams.
     *
     * @return empty when it keeps none (the default); {@code loadFromHistory} then folds the whole stream
     */
    default Optional<SnapshotStore> snapshots() {
        return Optional.empty();
    }

    /**
     * The feed of this persistence's committed events, with what catch-up subscriptions keep beside it.
     *
     * @return empty when this persistence keeps no feed (the default); reading the feed and catch-up subscriptions
     *     are then unavailable
     */
    default Optional<FeedStorage> feed() {
        return Optional.empty();
    }

    /** Releases clients and threads; the default does nothing. */
    @Override
    default void close() {}
}
