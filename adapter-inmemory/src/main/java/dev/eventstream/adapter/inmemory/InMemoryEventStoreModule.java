package dev.eventstream.adapter.inmemory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.SubscriptionSource;

/**
 * Binds the in-memory adapter: {@link EventPersistence} to one {@link InMemoryEventPersistence}, and
 * {@link EventPublisher} and {@link SubscriptionSource} by default to one {@link InMemoryEventBus} (a publisher or
 * subscription module installed beside it takes their place). Install it beside
 * {@code dev.eventstream.guice.EventStoreModule}, which builds the {@code EventStore} from these bindings.
 */
public final class InMemoryEventStoreModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(InMemoryEventPersistence.class).in(Scopes.SINGLETON);
        bind(EventPersistence.class).to(InMemoryEventPersistence.class);
        bind(InMemoryEventBus.class).in(Scopes.SINGLETON);
        // Defaults only, so that e.g. the SNS publisher and SQS subscription modules can replace the bus while the
        // events stay in memory.
        OptionalBinder.newOptionalBinder(binder(), EventPublisher.class).setDefault().to(InMemoryEventBus.class);
        OptionalBinder.newOptionalBinder(binder(), SubscriptionSource.class).setDefault().to(InMemoryEventBus.class);
    }
}
