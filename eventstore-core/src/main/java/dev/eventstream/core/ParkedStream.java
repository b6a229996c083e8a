package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.StreamKey;
import java.time.Instant;

/**
 * A stream whose notifications the {@link PublicationRelay} could not publish: its events stay pending, in order,
 * and are retried with a growing wait, while every other stream is published as usual.
 *
 * @param stream the stream held back
 * @param fromSequence the oldest of its events that may still be unpublished
 * @param failures failed attempts in a row
 * @param reason why the last attempt failed: the failure's type and message, never event data
 * @param since when the first of these failures happened
 * @param nextAttempt when the relay tries again
 */
public record ParkedStream(StreamKey stream, long fromSequence, int failures, String reason, Instant since,
        Instant nextAttempt) {
    public ParkedStream {
        requireNonNull(stream, "stream is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(since, "since is null");
        requireNonNull(nextAttempt, "nextAttempt is null");
    }
}
