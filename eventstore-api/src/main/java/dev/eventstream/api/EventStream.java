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
     * Appends one typed event at the end of the stream, whatever its version, named by the store's
     * {@link EventTypes}.
     *
     * @throws IllegalArgumentException when the event's class is not registered
     */
    RecordedEvent addEvent(Object event);

    /**
     * Appends events atomically: all of them become visible, with consecutive sequences, or none does.
     *
     * <p>Each event is a {@link NewEvent}, or an instance of a class registered in the store's {@link EventTypes},
     * which names its type and revision and writes its payload (with a random event id).
     *
     * <p>Idempotent: repeating an append whose events (same ids and content) are already stored right after the
     * expected version returns the stored records and writes nothing.
     *
     * @param events 1 to {@link Limits#MAX_EVENTS_PER_APPEND} events
     * @throws WrongExpectedVersionException when the stream is not at the expected version
     * @throws EventStoreUnavailableException when the storage failed; the append may be repeated as is
     * @throws IllegalArgumentException when an event is neither a {@code NewEvent} nor of a registered class
     */
    AppendResult append(ExpectedVersion expected, List<?> events);

    /**
     * {@link #append(ExpectedVersion, List)}, every event carrying {@code metadata}, except a {@link NewEvent} that
     * carries metadata of its own. Use {@link EventMetadata#causedBy(RecordedEvent)} to append in the context of an
     * event being handled.
     */
    AppendResult append(ExpectedVersion expected, List<?> events, EventMetadata metadata);

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

    /**
     * The stream's state by {@code fold} over its typed events, upcast to today's shapes, and the version it reflects;
     * from the latest snapshot of the fold's state when the fold keeps them ({@link Fold#withSnapshots}).
     *
     * @throws UnknownEventTypeException when the stream holds an event of a type with no registered class
     * @throws ClassCastException when it holds an event that is not of the fold's event class
     */
    <S, E> Folded<S> load(Fold<S, E> fold);
}
