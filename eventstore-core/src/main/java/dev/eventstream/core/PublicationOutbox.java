package dev.eventstream.core;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Port: the record of notifications still to publish, kept by the persistence in the same atomic write as the
 * events themselves, so that a crash between the write and the publication loses nothing. Thread-safe.
 *
 * <p>Obtained from {@link EventPersistence#enablePublicationTracking()}. The {@link PublicationRelay} reads it to
 * republish what a failed or interrupted publication left behind. Events pending since before a restart of the
 * process are included in every read.
 */
public interface PublicationOutbox {

    /**
     * Pending events of the streams that come after {@code after} in this outbox's order of streams (from the first
     * stream when null), at most {@code limit} of them: a page of a scan that goes through every stream with
     * pending events, however many one stream holds. The order of streams is this outbox's own and the same on
     * every call; within a stream events come oldest first, with no pending event of that stream skipped before
     * them, so a limit cuts only the newest events of the last stream of the page. The read may lag the latest
     * appends a little (an eventually consistent index): a scan finds those on its next pass.
     *
     * @param after the last stream of the previous page, whose remaining events are skipped; null to start a scan
     * @param limit at least 1
     * @return never null; empty when no stream after {@code after} has pending events
     */
    List<RecordedEvent> pendingPublications(@Nullable StreamKey after, int limit);

    /**
     * Pending events of one stream with a sequence of at least {@code fromSequence}, oldest first, at most
     * {@code limit}; the read sees every append that completed before it started. The cost grows with the
     * stream's events from {@code fromSequence} on, pending or not, so callers start as late as they can.
     *
     * @param fromSequence at least 1
     * @param limit at least 1
     * @return never null; empty when none of those events is pending
     */
    List<RecordedEvent> pendingPublications(StreamKey stream, long fromSequence, int limit);

    /**
     * Records that {@code events} were published. Marking an event that is not pending, or marking it twice, is
     * harmless.
     */
    void markPublished(List<RecordedEvent> events);
}
