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
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Binds the {@link EventPublisher} to an {@link SnsEventPublisher} (a singleton), replacing the no-op default.
 * The SNS client is built here and closed when the publisher is closed (closing the event store does it).
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
    }

    // Qualified, so the subscription module's own SNS client can live in the same injector.
    @Provides
    @Singleton
    @PublisherClient
    SnsClient snsClient() {
        return SnsEventPublisher.newClient(config);
    }

    @Provides
    @Singleton
    SnsEventPublisher publisher(@PublisherClient SnsClient client) {
        return new SnsEventPublisher(client, config, true);
    }

    @Retention(RUNTIME)
    @Target({METHOD, PARAMETER})
    @BindingAnnotation
    @interface PublisherClient {}
}
