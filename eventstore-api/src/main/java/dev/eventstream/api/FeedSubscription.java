package dev.eventstream.api;

import java.util.List;
import java.util.Optional;

/** A running catch-up subscription of one consumer group in this process. Thread-safe. */
public interface FeedSubscription extends Subscription {

    /** The consumer group. */
    String group();

    /**
     * Whether this instance delivers now: it holds the group's lease. False while another process's instance of
     * the group delivers, and after {@link #close()}.
     */
    boolean isActive();

    /**
     * The position up to which this instance has delivered every entry (each passed to the subscriber, returned,
     * parked, or left out by the filter); 0 before the first. The stored checkpoint follows it closely.
     */
    long position();

    /** Why the subscription stopped by itself ({@link CatchUp.OnFailure#STOP}); empty while it runs or once closed. */
    Optional<Throwable> failure();

    /** The group's parked entries, oldest position first, at most {@code limit}. */
    List<ParkedEntry> parked(int limit);

    /**
     * Hands each of the group's parked entries to this subscription's subscriber once more, oldest first, and
     * removes those it now handles without throwing.
     *
     * @return how many were handled and removed
     */
    int retryParked();
}
