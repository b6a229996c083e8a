package dev.eventstream.adapter.inmemory;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.SubscriptionSource;
import dev.eventstream.testkit.SubscriptionSourceContract;
import org.jspecify.annotations.Nullable;

/** The bus fed by the store's notifications from the feed, as it runs over the in-memory persistence. */
class InMemoryEventBusTest extends SubscriptionSourceContract {
    private @Nullable InMemoryEventBus bus;

    @Override
    protected EventPersistence createPersistence() {
        return new InMemoryEventPersistence();
    }

    @Override
    protected EventPublisher createPublisher() {
        bus = new InMemoryEventBus();
        return bus;
    }

    @Override
    protected SubscriptionSource createSubscriptionSource() {
        return requireNonNull(bus, "createPublisher() comes first");
    }

    @Override
    protected boolean deliversExactlyOnce() {
        return true;
    }
}
