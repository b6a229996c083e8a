package dev.eventstream.testkit;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.SnapshotStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A persistence that fails on purpose around a real one: it can lose the answer of an append that was stored (as a
 * timeout after the write landed does) and fail every read of the outbox (as an unreachable table does).
 */
public final class FaultyPersistence implements EventPersistence {
    private final EventPersistence delegate;
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final AtomicBoolean outboxFailing = new AtomicBoolean();

    public FaultyPersistence(EventPersistence delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
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
        AppendResult result = delegate.append(stream, expected, events);
        if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new EventStoreUnavailableException("the answer of an append to " + stream + " was lost for the test");
        }
        return result;
    }

    @Override
    public List<RecordedEvent> read(StreamKey stream, long fromSequence, long maxCount) {
        return delegate.read(stream, fromSequence, maxCount);
    }

    @Override
    public Stream<RecordedEvent> readLazily(StreamKey stream, long fromSequence, int pageSize) {
        return delegate.readLazily(stream, fromSequence, pageSize);
    }

    @Override
    public List<String> aggregations(int offset, int limit) {
        return delegate.aggregations(offset, limit);
    }

    @Override
    public List<String> streams(String aggregation, int offset, int limit) {
        return delegate.streams(aggregation, offset, limit);
    }

    @Override
    public Optional<PublicationOutbox> enablePublicationTracking() {
        return delegate.enablePublicationTracking().map(FaultyOutbox::new);
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
        return delegate.snapshots();
    }

    @Override
    public void close() {
        delegate.close();
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
