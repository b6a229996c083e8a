package dev.eventstream.core;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A persistence for the store's unit tests: it stores no events, and has the feed it is given; tests extend it. */
class TestPersistence implements EventPersistence {
    private final @Nullable FeedStorage feed;

    TestPersistence() {
        this(null);
    }

    TestPersistence(@Nullable FeedStorage feed) {
        this.feed = feed;
    }

    @Override
    public AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        throw new UnsupportedOperationException("not in these tests");
    }

    @Override
    public List<RecordedEvent> read(StreamKey stream, long fromSequence, long maxCount) {
        return List.of();
    }

    @Override
    public List<String> aggregations(int offset, int limit) {
        return List.of();
    }

    @Override
    public List<String> streams(String aggregation, int offset, int limit) {
        return List.of();
    }

    @Override
    public Optional<FeedStorage> feed() {
        return Optional.ofNullable(feed);
    }
}
