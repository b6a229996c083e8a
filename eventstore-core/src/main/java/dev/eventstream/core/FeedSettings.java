package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.Limits;
import java.time.Duration;

/**
 * How catch-up subscriptions pace themselves; set on {@link DefaultEventStore.Builder#feedSettings}.
 *
 * @param pollInterval how long a subscription at the end of the feed waits before reading again when nothing
 *     signals new entries (an in-process indexer or the in-memory log signal at once)
 * @param leaseDuration how long a group's lease holds without renewal before another instance of the group takes
 *     over; the holder renews it about every third of it, and standing-by instances try to take it as often
 * @param checkpointInterval the shortest time between two checkpoint writes of a group; zero writes after every
 *     page. The checkpoint reached is also written on close.
 * @param pageSize how many feed positions one read covers at most
 * @param closeTimeout how long {@code close()} waits for a subscriber still busy with an entry
 */
public record FeedSettings(Duration pollInterval, Duration leaseDuration, Duration checkpointInterval, int pageSize,
        Duration closeTimeout) {
    public static final FeedSettings DEFAULT = new FeedSettings(Duration.ofMillis(200), Duration.ofSeconds(10),
            Duration.ofSeconds(1), 100, Duration.ofSeconds(5));

    public FeedSettings {
        requireBetween(pollInterval, Duration.ofMillis(1), Duration.ofMinutes(1), "pollInterval");
        // The lease store's own lower bound: shorter leases would be lost to an ordinary pause.
        requireBetween(leaseDuration, Duration.ofSeconds(1), Duration.ofHours(1), "leaseDuration");
        requireBetween(checkpointInterval, Duration.ZERO, Duration.ofHours(1), "checkpointInterval");
        requireBetween(closeTimeout, Duration.ZERO, Duration.ofMinutes(1), "closeTimeout");
        if (pageSize < 1 || pageSize > Limits.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    "pageSize must be between 1 and " + Limits.MAX_PAGE_SIZE + ", was " + pageSize);
        }
    }

    public FeedSettings withPollInterval(Duration pollInterval) {
        return new FeedSettings(pollInterval, leaseDuration, checkpointInterval, pageSize, closeTimeout);
    }

    public FeedSettings withLeaseDuration(Duration leaseDuration) {
        return new FeedSettings(pollInterval, leaseDuration, checkpointInterval, pageSize, closeTimeout);
    }

    public FeedSettings withCheckpointInterval(Duration checkpointInterval) {
        return new FeedSettings(pollInterval, leaseDuration, checkpointInterval, pageSize, closeTimeout);
    }

    public FeedSettings withPageSize(int pageSize) {
        return new FeedSettings(pollInterval, leaseDuration, checkpointInterval, pageSize, closeTimeout);
    }

    public FeedSettings withCloseTimeout(Duration closeTimeout) {
        return new FeedSettings(pollInterval, leaseDuration, checkpointInterval, pageSize, closeTimeout);
    }

    /** How often the holder renews its lease, and how often an instance standing by tries to take it. */
    Duration renewInterval() {
        return leaseDuration.dividedBy(3);
    }

    private static void requireBetween(Duration value, Duration min, Duration max, String name) {
        requireNonNull(value, name + " is null");
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
