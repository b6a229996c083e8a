package dev.eventstream.api;

import java.util.List;
import java.util.stream.Stream;

/** One stream of events. A handle only: cheap to make, safe to share between threads. */
public interface EventStream {

    String aggregation();

    String streamId();

    default StreamKey key() {
        return new StreamKey(aggregation(), streamId());
    }

    /**
     * Appends one event at the end of the stream, whatever its version (the seed's {@code addEvent}).
     *
     * @param payload any Jackson-serializable value
     * @return the event as committed
     */
    RecordedEvent addEvent(String eventType, Object payload);

    /**
     * Appends events atomically: all of them become visible, with consecutive sequences, or none does.
     *
     * <p>Idempotent: repeating an append whose events (same ids and content) are already stored right after the
     * expected version returns the stored records and writes nothing.
     *
     * @param events 1 to {@link Limits#MAX_EVENTS_PER_APPEND} events
     * @throws WrongExpectedVersionException when the stream is not at the expected version
     * @throws EventStoreUnavailableException when the storage failed; the append may be repeated as is
     */
    AppendResult append(ExpectedVersion expected, List<NewEvent> events);

    /** Every event of the stream, oldest first, however long the stream. Empty for a stream with no events. */
    List<RecordedEvent> getEvents();

    /**
     * Every event of the stream, oldest first, read lazily: storage pages are fetched as the stream is consumed,
     * so a stream of any length is read in about one page of memory. Each call reads anew.
     */
    Stream<RecordedEvent> readEvents();

    /**
     * A page of the stream, oldest first: skips {@code offset} events and returns at most {@code limit}.
     *
     * @param offset at least 0; past the end gives an empty list
     * @param limit 1 to {@link Limits#MAX_PAGE_SIZE}
     */
    List<RecordedEvent> getEvents(long offset, int limit);

    /** The stream folded into one {@link History}; an empty stream gives {@link History#empty()}. */
    History loadFromHistory();
}
