package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;

/**
 * What a catch-up subscription delivers and how: {@code store.subscribeToFeed(CatchUp.group("balances"), entry -> ...)}.
 *
 * <p>A catch-up subscription belongs to a consumer group. It starts after the group's stored checkpoint, or, for a
 * group without one, at {@link #startingAt its start}; it delivers the history from there in feed order, then the
 * entries committed since, with no gap and no reordering between the two (both are read from the same feed). The
 * group's checkpoint advances only after the subscriber returned for every entry up to it, so a process killed at
 * any point resumes without losing an entry: delivery is <em>at least once</em>, and an entry delivered just before
 * a crash is delivered again after it. Subscribers should be idempotent (the event id identifies a repeat).
 *
 * <p>One instance of a group delivers at a time: the one holding the group's lease. Other instances of the same
 * group (other processes of the service) wait and take over when the holder stops or dies.
 *
 * <p>Immutable; each {@code with} method returns a changed copy.
 */
public final class CatchUp {
    /** The longest consumer group name, in UTF-8 bytes. */
    public static final int MAX_GROUP_BYTES = 200;

    private final String group;
    private final FeedStart start;
    private final FeedFilter filter;
    private final int maxAttempts;
    private final OnFailure onFailure;
    private final Duration retryDelay;

    private CatchUp(String group, FeedStart start, FeedFilter filter, int maxAttempts, OnFailure onFailure,
            Duration retryDelay) {
        this.group = group;
        this.start = start;
        this.filter = filter;
        this.maxAttempts = maxAttempts;
        this.onFailure = onFailure;
        this.retryDelay = retryDelay;
    }

    /**
     * A subscription of consumer group {@code group}: every entry, from the start of the feed for a new group, each
     * entry tried 5 times (100 ms apart) before it is parked.
     *
     * @throws IllegalArgumentException when the name is blank, holds control characters, is longer than
     *     {@value #MAX_GROUP_BYTES} UTF-8 bytes, or starts with {@code $} (kept for the store's own groups)
     */
    public static CatchUp group(String group) {
        Arguments.requireName(group, "group", MAX_GROUP_BYTES);
        if (group.startsWith("$")) {
            throw new IllegalArgumentException("group must not start with '$', which the store keeps for its own"
                    + " groups, was " + group);
        }
        return new CatchUp(group, FeedStart.beginning(), FeedFilter.all(), 5, OnFailure.PARK, Duration.ofMillis(100));
    }

    /** Where a group without a checkpoint starts; a group with one always resumes after it. */
    public CatchUp startingAt(FeedStart start) {
        return new CatchUp(group, requireNonNull(start, "start is null"), filter, maxAttempts, onFailure, retryDelay);
    }

    /** Only the entries of these aggregations (all of them when none is given). */
    public CatchUp aggregations(String... aggregations) {
        return filtered(new FeedFilter(Set.of(aggregations), filter.eventTypes()));
    }

    /** Only the entries of these event types (all of them when none is given). */
    public CatchUp eventTypes(String... eventTypes) {
        return filtered(new FeedFilter(filter.aggregations(), Set.of(eventTypes)));
    }

    /** Only the entries {@code filter} keeps. */
    public CatchUp filtered(FeedFilter filter) {
        return new CatchUp(group, start, requireNonNull(filter, "filter is null"), maxAttempts, onFailure, retryDelay);
    }

    /**
     * How often an entry is handed to a subscriber that throws before {@link #onFailure} applies, and how long to
     * wait between two attempts.
     *
     * @param maxAttempts 1 to 100
     * @param retryDelay 0 to 1 minute
     */
    public CatchUp retries(int maxAttempts, Duration retryDelay) {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100, was " + maxAttempts);
        }
        requireNonNull(retryDelay, "retryDelay is null");
        if (retryDelay.isNegative() || retryDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("retryDelay must be between 0 and 1 minute, was " + retryDelay);
        }
        return new CatchUp(group, start, filter, maxAttempts, onFailure, retryDelay);
    }

    /** What happens to an entry the subscriber still fails on after the last attempt: parked by default. */
    public CatchUp onFailure(OnFailure onFailure) {
        return new CatchUp(group, start, filter, maxAttempts, requireNonNull(onFailure, "onFailure is null"), retryDelay);
    }

    public String group() {
        return group;
    }

    public FeedStart start() {
        return start;
    }

    public FeedFilter filter() {
        return filter;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration retryDelay() {
        return retryDelay;
    }

    public OnFailure failurePolicy() {
        return onFailure;
    }

    @Override
    public String toString() {
        return "CatchUp[group=" + group + ", start=" + start + ", filter=" + filter + ", maxAttempts=" + maxAttempts
                + ", onFailure=" + onFailure + "]";
    }

    /** What a catch-up subscription does with an entry its subscriber keeps failing on. */
    public enum OnFailure {
        /**
         * Store the entry with the failure's reason among the group's {@linkplain FeedSubscription#parked(int) parked
         * entries}, advance past it, and go on; the entry can be retried later.
         */
        PARK,
        /** Stop the subscription at the entry, leaving the checkpoint before it; it is delivered again on restart. */
        STOP
    }
}
