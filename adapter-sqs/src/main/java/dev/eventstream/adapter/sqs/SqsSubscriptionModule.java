package dev.eventstream.adapter.sqs;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.SubscriptionSource;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.util.Optional;

/**
 * Binds the {@link SubscriptionSource} to an {@link SqsSubscriptionSource} (a singleton). When the injector also
 * binds an {@link EventPersistence}, the source reads from it the events whose payload the publisher left out.
 * The source builds its own clients and closes them when it is closed (closing the event store does it). When the
 * injector binds a {@link StoreTelemetry} and the config names none, the source reports to the bound one.
 */
public final class SqsSubscriptionModule extends AbstractModule {
    private final SqsConfig config;

    public SqsSubscriptionModule(SqsConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), SubscriptionSource.class)
                .setBinding()
                .to(SqsSubscriptionSource.class)
                .in(Scopes.SINGLETON);
        // Declares Optional<EventPersistence>: present whenever another module binds the persistence.
        OptionalBinder.newOptionalBinder(binder(), EventPersistence.class);
        OptionalBinder.newOptionalBinder(binder(), StoreTelemetry.class);
    }

    // The source builds its own clients, so that closing it can cut its long polls short.
    @Provides
    @Singleton
    SqsSubscriptionSource source(Optional<EventPersistence> persistence, Optional<StoreTelemetry> telemetry) {
        SqsConfig configured = telemetry.isEmpty() || config.telemetry() != StoreTelemetry.none() ? config
                : config.toBuilder().telemetry(telemetry.get()).build();
        return SqsSubscriptionSource.withOwnClients(configured, persistence.orElse(null));
    }

}
