package dev.eventstream.guice;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventTypes;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.PublicationRelay;
import dev.eventstream.core.SnapshotPolicy;
import dev.eventstream.core.SubscriptionSource;
import dev.eventstream.core.telemetry.StoreTelemetry;
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
 *   <li>{@link EventTypes}: optional; the application's event classes, upcasters and serializer
 *       ({@code OptionalBinder.newOptionalBinder(binder(), EventTypes.class).setBinding().toInstance(types)});
 *       without it events are appended as {@code NewEvent}s and read as stored ({@link EventTypes#none()}).
 *   <li>{@link StoreTelemetry}: optional; where the store reports its work (Micrometer meters, OpenTelemetry spans,
 *       or both with {@link StoreTelemetry#of}); the AWS adapters' modules give it to their clients as well.
 *       Without it nothing is recorded ({@link StoreTelemetry#none()}).
 * </ul>
 *
 * <p>The store is a singleton; close it ({@code injector.getInstance(DefaultEventStore.class).close()}) to stop
 * its threads and close the ports.
 */
public final class EventStoreModule extends AbstractModule {
    private final SnapshotPolicy snapshotPolicy;
    private final PublicationRelay.Settings relaySettings;

    /** A store with the default snapshot policy and relay settings. */
    public EventStoreModule() {
        this(SnapshotPolicy.DEFAULT, PublicationRelay.Settings.DEFAULT);
    }

    /** A store that snapshots per {@code snapshotPolicy} and paces its publication relay per {@code relaySettings}. */
    public EventStoreModule(SnapshotPolicy snapshotPolicy, PublicationRelay.Settings relaySettings) {
        this.snapshotPolicy = requireNonNull(snapshotPolicy, "snapshotPolicy is null");
        this.relaySettings = requireNonNull(relaySettings, "relaySettings is null");
    }

    @Override
    protected void configure() {
        // No defaults here: an adapter module may set one (the in-memory bus does) and another may override it.
        OptionalBinder.newOptionalBinder(binder(), EventPublisher.class);
        OptionalBinder.newOptionalBinder(binder(), SubscriptionSource.class);
        OptionalBinder.newOptionalBinder(binder(), EventTypes.class);
        OptionalBinder.newOptionalBinder(binder(), StoreTelemetry.class);
        bind(EventStore.class).to(DefaultEventStore.class);
    }

    @Provides
    @Singleton
    DefaultEventStore eventStore(
            EventPersistence persistence,
            Optional<EventPublisher> publisher,
            Optional<SubscriptionSource> subscriptions,
            Optional<EventTypes> eventTypes,
            Optional<StoreTelemetry> telemetry) {
        return DefaultEventStore.builder(persistence)
                .telemetry(telemetry.orElse(StoreTelemetry.none()))
                .eventTypes(eventTypes.orElse(EventTypes.none()))
                .publisher(publisher.orElse(EventPublisher.none()))
                .subscriptions(subscriptions.orElse(null))
                .snapshotPolicy(snapshotPolicy)
                .relaySettings(relaySettings)
                .build();
    }
}
