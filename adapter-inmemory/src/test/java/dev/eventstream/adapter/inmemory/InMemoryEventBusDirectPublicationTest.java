package dev.eventstream.adapter.inmemory;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.EventPersistence;
import java.util.List;

/**
 * The bus over a persistence that cannot track publications: the store then publishes from each appending
 * thread right after the commit, so concurrent writers of one stream may publish out of order and the bus's
 * reorder buffer has to restore the order.
 */
class InMemoryEventBusDirectPublicationTest extends InMemoryEventBusTest {

    @Override
    protected EventPersistence createPersistence() {
        return new WithoutPublicationTracking(new InMemoryEventPersistence());
    }

    /** The in-memory persistence with publication tracking left at the port's default: none. */
    private static final class WithoutPublicationTracking implements EventPersistence {
        private final EventPersistence delegate;

        WithoutPublicationTracking(EventPersistence delegate) {
            this.delegate = delegate;
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
        public List<String> aggregations(int offset, int limit) {
            return delegate.aggregations(offset, limit);
        }

        @Override
        public List<String> streams(String aggregation, int offset, int limit) {
            return delegate.streams(aggregation, offset, limit);
        }
    }
}
