package dev.eventstream.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * The event store: streams of events grouped in aggregations, with notifications of what was committed.
 *
 * <p>Thread-safe. Obtain one from an adapter's constructors or from Guice.
 */
public interface EventStore {

    /**
     * A handle on one stream. Does no I/O; the stream need not exist yet.
     *
     * @throws IllegalArgumentException when a name is blank, too long or holds control characters
     * @throws NullPointerException when a name is null
     */
    EventStream getEventStream(String aggregation, String streamId);

    /** A handle on one stream. Does no I/O. */
    default EventStream getEventStream(StreamKey stream) {
        return getEventStream(stream.aggregation(), stream.streamId());
    }

    /**
     * Aggregations that hold at least one stream, in ascending (UTF-16 code unit) order.
     *
     * @param offset how many to skip, at least 0
     * @param limit how many to return at most, 1 to {@link Limits#MAX_PAGE_SIZE}
     * @return never null; empty past the end
     */
    List<String> getAggregations(int offset, int limit);

    /**
     * Ids of the streams of one aggregation, in ascending (UTF-16 code unit) order.
     *
     * @param offset how many to skip, at least 0
     * @param limit how many to return at most, 1 to {@link Limits#MAX_PAGE_SIZE}
     * @return never null; empty past the end or for an unknown aggregation
     */
    List<String> getStreams(String aggregation, int offset, int limit);

    /**
     * Calls {@code subscriber} for every event committed to a stream of {@code aggregation} from now on, in
     * per-stream sequence order, at least once (a subscriber should tolerate a repeated event id).
     *
     * @return close it to stop delivery
     * @throws IllegalStateException when the store was built without a subscription source
     */
    Subscription subscribe(String aggregation, Consumer<RecordedEvent> subscriber);
}
