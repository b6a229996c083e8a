package dev.eventstream.api;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The event store: streams of events grouped in aggregations, with notifications of what was committed.
 *
 * <p>Thread-safe. Obtain one from an adapter's constructors, from Guice or from Spring Boot. Close it when the
 * application stops: closing stops its subscriptions and background work and releases its clients.
 */
public interface EventStore extends AutoCloseable {

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

    /**
     * Reads the feed: every committed event of the store in one order, from {@code fromPosition} on, at most
     * {@code limit} entries. Positions are dense and durable, and each stream's events appear in sequence order, so
     * a reader that goes on from the position after the last entry it got misses nothing. The feed may trail the
     * latest appends a little (on DynamoDB it is built from the table's stream).
     *
     * @param fromPosition at least 1
     * @param limit 1 to {@link Limits#MAX_PAGE_SIZE}
     * @return never null; empty past the end
     * @throws IllegalStateException when the store's persistence keeps no feed
     */
    List<FeedEntry> readFeed(long fromPosition, int limit);

    /**
     * Reads the feed from {@code fromPosition} to its current end, lazily, a page at a time, keeping the entries
     * {@code filter} lets through.
     *
     * @param fromPosition at least 1
     * @return a sequential stream in position order; it holds no resources, closing it is not required
     * @throws IllegalStateException when the store's persistence keeps no feed
     */
    Stream<FeedEntry> readFeed(long fromPosition, FeedFilter filter);

    /**
     * Starts a catch-up subscription: {@code subscriber} receives the feed's entries that {@code catchUp}'s filter
     * keeps, first the history after the group's checkpoint, then live, in feed order, at least once (see
     * {@link CatchUp}). Delivery runs on a thread of the subscription's own; the subscriber is never called by
     * two threads at once.
     *
     * @return the running subscription; close it to stop delivery (the checkpoint is stored first)
     * @throws IllegalStateException when the store's persistence keeps no feed
     */
    FeedSubscription subscribeToFeed(CatchUp catchUp, Consumer<FeedEntry> subscriber);

    /**
     * Stops the store's subscriptions and background work (storing each catch-up subscription's checkpoint) and
     * closes its adapters. Quiet: a failure to close one part is logged and the others are still closed. Bounded:
     * background work is given a few seconds to stop. Calling it again does nothing.
     */
    @Override
    void close();
}
