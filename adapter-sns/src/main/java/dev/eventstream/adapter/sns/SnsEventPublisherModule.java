package dev.eventstream.adapter.sns;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.BindingAnnotation;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Binds the {@link EventPublisher} to an {@link SnsEventPublisher} (a singleton), replacing the no-op default.
 * The SNS client is built here and closed when the publisher is closed (closing the event store does it). When the
 * injector binds a {@link StoreTelemetry} and the config names none, the client reports to the bound one.
 */
public final class SnsEventPublisherModule extends AbstractModule {
    private final SnsConfig config;

    public SnsEventPublisherModule(SnsConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), EventPublisher.class)
                .setBinding()
                .to(SnsEventPublisher.class)
                .in(Scopes.SINGLETON);
        // Declares Optional<StoreTelemetry>: present whenever another module binds the telemetry.
        OptionalBinder.newOptionalBinder(binder(), StoreTelemetry.class);
    }

    // Qualified, so the subscription module's own SNS client can live in the same injector.
    @Provides
    @Singleton
    @PublisherClient
    SnsClient snsClient(Optional<StoreTelemetry> telemetry) {
        return SnsEventPublisher.newClient(withTelemetry(telemetry));
    }

    @Provides
    @Singleton
    SnsEventPublisher publisher(@PublisherClient SnsClient client, Optional<StoreTelemetry> telemetry) {
        return new SnsEventPublisher(client, withTelemetry(telemetry), true);
    }

    /** The config, with the injector's telemetry when it names none of its own. */
    private SnsConfig withTelemetry(Optional<StoreTelemetry> bound) {
        if (bound.isEmpty() || config.telemetry() != StoreTelemetry.none()) {
            return config;
        }
        return config.toBuilder().telemetry(bound.get()).build();
    }

    @Retention(RUNTIME)
    @Target({METHOD, PARAMETER})
    @BindingAnnotation
    @interface PublisherClient {}
}
