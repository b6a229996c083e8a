package dev.eventstream.testkit;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.PublicationOutbox;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A persistence that fails on purpose around a real one: it can lose the answer of an append that was stored (as a
 * timeout after the write landed does) and fail every read of the outbox (as an unreachable table does).
 */
public final class FaultyPersistence extends ForwardingPersistence {
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final AtomicBoolean outboxFailing = new AtomicBoolean();

    public FaultyPersistence(EventPersistence delegate) {
        super(delegate);
    }

    /** The next append is stored, then fails with {@link EventStoreUnavailableException}. */
    public FaultyPersistence loseNextAnswer() {
        answersToLose.incrementAndGet();
        return this;
    }

    /** From now on every read of the outbox fails (or succeeds again). */
    public FaultyPersistence failOutboxReads(boolean failing) {
        outboxFailing.set(failing);
        return this;
    }

    @Override
    public AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        AppendResult result = super.append(stream, expected, events);
        if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new EventStoreUnavailableException("the answer of an append to " + stream + " was lost for the test");
        }
        return result;
    }

    @Override
    public Optional<PublicationOutbox> enablePublicationTracking() {
        return super.enablePublicationTracking().map(FaultyOutbox::new);
    }

    private final class FaultyOutbox implements PublicationOutbox {
        private final PublicationOutbox outbox;

        FaultyOutbox(PublicationOutbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public List<RecordedEvent> pendingPublications(@Nullable StreamKey after, int limit) {
            failIfAsked();
            return outbox.pendingPublications(after, limit);
        }

        @Override
        public List<RecordedEvent> pendingPublications(StreamKey stream, long fromSequence, int limit) {
            failIfAsked();
            return outbox.pendingPublications(stream, fromSequence, limit);
        }

        @Override
        public void markPublished(List<RecordedEvent> events) {
            outbox.markPublished(events);
        }

        private void failIfAsked() {
            if (outboxFailing.get()) {
                throw new EventStoreUnavailableException("the outbox cannot be read, for the test");
            }
        }
    }
}
