package dev.eventstream.testkit;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.SnapshotStore;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A persistence that passes every call to another one: extend it and override the calls a test wants to change
 * (fail, count, hide a capability).
 */
public abstract class ForwardingPersistence implements EventPersistence {
    private final EventPersistence delegate;

    protected ForwardingPersistence(EventPersistence delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    protected final EventPersistence delegate() {
        return delegate;
    }

    @Override
    public AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        return delegate.append(stream, expected, events);
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
        return delegate.enablePublicationTracking();
    }

    @Override
    public Optional<SnapshotStore> snapshots() {
        return delegate.snapshots();
    }

    @Override
    public Optional<FeedStorage> feed() {
        return delegate.feed();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
