package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import com.google.inject.PrivateModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.eventstream.core.EventPersistence;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Binds {@link EventPersistence} to a {@link DynamoDbEventPersistence} built from the given config, as a
 * singleton. Its DynamoDB client stays private to this module (it cannot clash with a client the application binds)
 * and is closed when the persistence is, which closing the event store does.
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
    DynamoDbClient dynamoDbClient() {
        return DynamoDbClients.create(config);
    }

    @Provides
    @Singleton
    EventPersistence eventPersistence(DynamoDbClient client) {
        // A service's start fails on a missing table rather than its first append.
        return DynamoDbEventPersistence.withTablesChecked(new DynamoDbEventPersistence(client, config, true));
    }
}
