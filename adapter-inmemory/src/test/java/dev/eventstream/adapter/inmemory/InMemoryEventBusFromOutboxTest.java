package dev.eventstream.adapter.inmemory;

import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.testkit.ForwardingPersistence;
import java.util.Optional;

/**
 * The bus fed by the store's publication relay over the outbox, as it runs over a persistence that tracks
 * publications but keeps no feed (an engine without DynamoDB Streams).
 */
class InMemoryEventBusFromOutboxTest extends InMemoryEventBusTest {

    @Override
    protected EventPersistence createPersistence() {
        return new WithoutFeed(new InMemoryEventPersistence());
    }

    /** The in-memory persistence with the feed left at the port's default: none. */
    private static final class WithoutFeed extends ForwardingPersistence {
        WithoutFeed(EventPersistence delegate) {
            super(delegate);
        }

        @Override
        public Optional<FeedStorage> feed() {
            return Optional.empty();
        }
    }
}
