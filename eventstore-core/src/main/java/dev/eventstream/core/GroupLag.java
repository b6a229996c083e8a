package dev.eventstream.core;

import dev.eventstream.api.FeedEntry;
import java.time.Clock;
import java.util.List;

/**
 * How far a consumer group's instance is behind the feed, for its lag gauge: the age of the oldest entry of the
 * page in hand, until a read finds nothing more, when it is 0. Written by the group's thread, read by whichever
 * thread samples the gauge.
 */
final class GroupLag {
    private static final long CAUGHT_UP = Long.MIN_VALUE;

    private final Clock clock;
    /** The commit time, in epoch milliseconds, of the oldest entry read and not yet passed; or {@link #CAUGHT_UP}. */
    private volatile long oldestInHand = CAUGHT_UP;

    GroupLag(Clock clock) {
        this.clock = clock;
    }

    /** A page was read: its entries are in hand (a page the filter emptied changes nothing). */
    void reading(List<FeedEntry> entries) {
        if (!entries.isEmpty()) {
            oldestInHand = entries.get(0).event().commitTimestamp().toEpochMilli();
        }
    }

    /** A read found nothing after the position. */
    void caughtUp() {
        oldestInHand = CAUGHT_UP;
    }

    /** The lag in seconds, never negative (the entry may come from a process whose clock is ahead). */
    double seconds() {
        long oldest = oldestInHand;
        return oldest == CAUGHT_UP ? 0 : Math.max(0, clock.millis() - oldest) / 1_000.0;
    }
}
