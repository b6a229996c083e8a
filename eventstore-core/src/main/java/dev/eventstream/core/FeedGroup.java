package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.FeedStart;
import java.time.Duration;

/**
 * A consumer group as the subscription runner sees it: a user's {@link CatchUp}, or one of the store's own groups,
 * whose names start with {@code $} (which {@link CatchUp} refuses, so users cannot collide with them).
 *
 * @param name the group's name; its lease is {@code group:<name>}, its checkpoint and parked entries are kept under it
 * @param start where the group starts when it has no checkpoint
 * @param filter which entries are handed to the subscriber; the others are passed over
 * @param maxAttempts how often an entry is handed to a failing subscriber before {@code onFailure} applies
 * @param retryDelay the wait between two attempts
 * @param onFailure what happens to an entry the subscriber still fails on
 */
record FeedGroup(String name, FeedStart start, FeedFilter filter, int maxAttempts, Duration retryDelay,
        CatchUp.OnFailure onFailure) {
    static final String INTERNAL_PREFIX = "$";

    FeedGroup {
        requireNonNull(name, "name is null");
        requireNonNull(start, "start is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(retryDelay, "retryDelay is null");
        requireNonNull(onFailure, "onFailure is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retryDelay must not be negative, was " + retryDelay);
        }
    }

    /** A user's group, as {@code catchUp} describes it (its name was checked there). */
    static FeedGroup of(CatchUp catchUp) {
        return new FeedGroup(catchUp.group(), catchUp.start(), catchUp.filter(), catchUp.maxAttempts(),
                catchUp.retryDelay(), catchUp.failurePolicy());
    }

    /**
     * One of the store's own groups, e.g. {@code $notifications}; the same settings as {@code catchUp} but the name.
     *
     * @throws IllegalArgumentException when the name does not start with {@code $}
     */
    static FeedGroup internal(String name, CatchUp settings) {
        requireNonNull(name, "name is null");
        if (!name.startsWith(INTERNAL_PREFIX) || name.length() == 1) {
            throw new IllegalArgumentException("an internal group's name must start with '$', was " + name);
        }
        return new FeedGroup(name, settings.start(), settings.filter(), settings.maxAttempts(),
                settings.retryDelay(), settings.failurePolicy());
    }

    /** This group reading the feed with {@code filter} instead. */
    FeedGroup withFilter(FeedFilter filter) {
        return new FeedGroup(name, start, filter, maxAttempts, retryDelay, onFailure);
    }

    /** The name of the group's lease in the {@link LeaseStore}. */
    String leaseName() {
        return "group:" + name;
    }
}
