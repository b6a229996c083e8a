package dev.eventstream.adapter.inmemory;

import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.testkit.ForwardingPersistence;
import java.util.Optional;

/**
 * The bus over a persistence that can neither track publications nor keep a feed: the store then publishes from
 * each appending thread right after the commit, so concurrent writers of one stream may publish out of order and
 * the bus's reorder buffer has to restore the order.
 */
class InMemoryEventBusDirectPublicationTest extends InMemoryEventBusTest {

    @Override
    protected EventPersistence createPersistence() {
        return new WithoutPublicationTracking(new InMemoryEventPersistence());
    }

    /** The in-memory persistence with publication tracking left at the port's default: none. */
    private static final class WithoutPublicationTracking extends ForwardingPersistence {
        WithoutPublicationTracking(EventPersistence delegate) {
            super(delegate);
        }

        @Override
        public Optional<PublicationOutbox> enablePublicationTracking() {
            return Optional.empty();
        }

        @Override
        public Optional<FeedStorage> feed() {
            return Optional.empty();
        }
    }
}
