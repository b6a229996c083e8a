package dev.eventstream.adapter.sqs;

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
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.SubscriptionSource;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Binds the {@link SubscriptionSource} to an {@link SqsSubscriptionSource} (a singleton). When the injector also
 * binds an {@link EventPersistence}, the source reads from it the events whose payload the publisher left out.
 * The clients are built here and closed when the source is closed (closing the event store does it).
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
    }

    // Qualified, so the publisher module's own SNS client can live in the same injector.
    @Provides
    @Singleton
    @SubscriptionClient
    SqsClient sqsClient() {
        return SqsClients.sqs(config);
    }

    @Provides
    @Singleton
    @SubscriptionClient
    SnsClient snsClient() {
        return SqsClients.sns(config);
    }

    @Provides
    @Singleton
    SqsSubscriptionSource source(@SubscriptionClient SqsClient sqs, @SubscriptionClient SnsClient sns,
            Optional<EventPersistence> persistence) {
        return new SqsSubscriptionSource(sqs, sns, config, persistence.orElse(null), true);
    }

    @Retention(RUNTIME)
    @Target({METHOD, PARAMETER})
    @BindingAnnotation
    @interface SubscriptionClient {}
}
