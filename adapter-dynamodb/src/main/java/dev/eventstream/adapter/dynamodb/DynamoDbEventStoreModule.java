package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.PrivateModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.telemetry.StoreTelemetry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Binds {@link EventPersistence} to a {@link DynamoDbEventPersistence} built from the given config, as a
 * singleton. Its DynamoDB client stays private to this module (it cannot clash with a client the application binds)
 * and is closed when the persistence is, which closing the event store does. When the injector binds a
 * {@link StoreTelemetry} (as {@code EventStoreModule} lets it) and the config names none, the client and the
 * persistence report to the bound one.
 *
 * <pre>{@code
 * Guice.createInjector(new EventStoreModule(), new DynamoDbEventStoreModule(config))
 * }</pre>
 */
public final class DynamoDbEventStoreModule extends PrivateModule {
    private final DynamoDbConfig config;

    public DynamoDbEventStoreModule(DynamoDbConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        expose(EventPersistence.class);
    }

    @Provides
    @Singleton
    DynamoDbClient dynamoDbClient(Injector injector) {
        return DynamoDbClients.create(withBoundTelemetry(injector));
    }

    @Provides
    @Singleton
    EventPersistence eventPersistence(DynamoDbClient client, Injector injector) {
        // A service's start fails on a missing table rather than its first append.
        return DynamoDbEventPersistence.withTablesChecked(
                new DynamoDbEventPersistence(client, withBoundTelemetry(injector), true));
    }

    /**
     * The config with the injector's telemetry when it names none. Looked up rather than injected: a private module
     * cannot declare the optional binding its parent may declare too, and without {@code EventStoreModule} there is
     * none.
     */
    private DynamoDbConfig withBoundTelemetry(Injector injector) {
        Binding<StoreTelemetry> bound = injector.getExistingBinding(Key.get(StoreTelemetry.class));
        if (bound == null || config.telemetry() != StoreTelemetry.none()) {
            return config;
        }
        return config.toBuilder().telemetry(bound.getProvider().get()).build();
    }
}
