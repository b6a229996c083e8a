package dev.eventstream.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.api.EventStore;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.SubscriptionSource;
import java.util.Optional;

/**
 * Binds {@link EventStore} (and {@link DefaultEventStore}) as one store built from the bound ports. Install an
 * adapter module beside it that binds {@link EventPersistence}, e.g.
 * {@code Guice.createInjector(new EventStoreModule(), new InMemoryEventStoreModule())}.
 *
 * <ul>
 *   <li>{@link EventPersistence}: required; without it the injector fails to build, naming the missing binding.
 *   <li>{@link EventPublisher}: optional ({@link OptionalBinder#setBinding()} in an adapter module, which overrides
 *       a {@link OptionalBinder#setDefault()} such as the in-memory bus); without one the store sends no
 *       notifications ({@link EventPublisher#none()}).
 *   <li>{@link SubscriptionSource}: optional; without one, {@code subscribe} uses the publisher when it is also a
 *       subscription source, as {@link DefaultEventStore} does, and otherwise throws {@link IllegalStateException}.
 * </ul>
 *
 * <p>The store is a singleton; close it ({@code injector.getInstance(DefaultEventStore.class).close()}) to stop
 * its threads and close the ports.
 */
public final class EventStoreModule extends AbstractModule {
    @Override
    protected void configure() {
        // No defaults here: an adapter module may set one (the in-memory bus does) and another may override it.
        OptionalBinder.newOptionalBinder(binder(), EventPublisher.class);
        OptionalBinder.newOptionalBinder(binder(), SubscriptionSource.class);
        bind(EventStore.class).to(DefaultEventStore.class);
    }

    @Provides
    @Singleton
    DefaultEventStore eventStore(
            EventPersistence persistence,
            Optional<EventPublisher> publisher,
            Optional<SubscriptionSource> subscriptions) {
        return new DefaultEventStore(persistence, publisher.orElse(EventPublisher.none()), subscriptions.orElse(null));
    }
}
