package dev.eventstream.core;

import dev.eventstream.api.RecordedEvent;
import java.util.List;

/**
 * Port: the record of notifications still to publish, kept by the persistence in the same atomic write as the
 * events themselves, so that a crash between the write and the publication loses nothing. Thread-safe.
 *
 * <p>Obtained from {@link EventPersistence#enablePublicationTracking()}. The {@link PublicationRelay} reads it to
 * republish what a failed or interrupted publication left behind.
 */
public interface PublicationOutbox {

    /**
     * Committed events whose publication is still pending, at most {@code limit} of them. Within one stream they
     * come oldest first with no pending event of that stream skipped before them; across streams the order is
     * unspecified. Events pending since before a restart of the process are included.
     *
     * @param limit at least 1
     * @return never null; empty when nothing is pending
     */
    List<RecordedEvent> pendingPublications(int limit);

    /**
     * Records that {@code events} were published. Marking an event that is not pending, or marking it twice, is
     * harmless.
     */
    void markPublished(List<RecordedEvent> events);
}
