package dev.eventstream.adapter.inmemory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.SubscriptionSource;

/**
 * Binds the in-memory adapter: {@link EventPersistence} to one {@link InMemoryEventPersistence}, and
 * {@link EventPublisher} and {@link SubscriptionSource} to one {@link InMemoryEventBus}. Install it beside
 * {@code dev.eventstream.guice.EventStoreModule}, which builds the {@code EventStore} from these bindings.
 */
public final class InMemoryEventStoreModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(InMemoryEventPersistence.class).in(Scopes.SINGLETON);
        bind(EventPersistence.class).to(InMemoryEventPersistence.class);
        bind(InMemoryEventBus.class).in(Scopes.SINGLETON);
        OptionalBinder.newOptionalBinder(binder(), EventPublisher.class).setBinding().to(InMemoryEventBus.class);
        OptionalBinder.newOptionalBinder(binder(), SubscriptionSource.class).setBinding().to(InMemoryEventBus.class);
    }
}
