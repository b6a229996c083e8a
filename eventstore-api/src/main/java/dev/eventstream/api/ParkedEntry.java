package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A feed entry that a consumer group's subscriber kept failing on: the group moved past it, and it waits here to be
 * retried.
 *
 * @param group the consumer group
 * @param entry the entry, as the feed holds it
 * @param attempts how many times it was handed to the subscriber
 * @param reason why the last attempt failed: the exception's type and message
 * @param parkedAt when it was parked
 */
public record ParkedEntry(String group, FeedEntry entry, int attempts, String reason, Instant parkedAt) {
    public ParkedEntry {
        requireNonNull(group, "group is null");
        requireNonNull(entry, "entry is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(parkedAt, "parkedAt is null");
    }

    public long position() {
        return entry.position();
    }
}
