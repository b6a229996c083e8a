package dev.eventstream.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventStoreModule;
import dev.eventstream.adapter.inmemory.InMemoryEventStoreModule;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisherModule;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.adapter.sqs.SqsSubscriptionModule;
import dev.eventstream.api.EventStore;
import dev.eventstream.guice.EventStoreModule;

/**
 * The README's Guice wiring, compiled: the in-memory store for tests, and DynamoDB, SNS and SQS in production.
 * Close the store ({@code injector.getInstance(DefaultEventStore.class).close()}) to stop its threads and clients.
 */
public final class GuiceWiring {
    private GuiceWiring() {}

    /** Events in memory; the in-memory bus notifies and serves {@code subscribe}. */
    public static EventStore inMemory() {
        // region guice-readme
        Injector injector = Guice.createInjector(new EventStoreModule(), new InMemoryEventStoreModule());
        EventStore store = injector.getInstance(EventStore.class);
        // endregion guice-readme
        return store;
    }

    /**
     * Events in DynamoDB, notifications over SNS, and {@code subscribe} through SQS queues that the topic feeds:
     * without the SQS module, {@code subscribe} throws {@link IllegalStateException}.
     */
    public static Injector onAws(DynamoDbConfig dynamoDb, SnsConfig sns, SqsConfig sqs) {
        // region guice-production-readme
        Injector injector = Guice.createInjector(new EventStoreModule(),
                new DynamoDbEventStoreModule(dynamoDb),
                new SnsEventPublisherModule(sns),
                new SqsSubscriptionModule(sqs));   // what store.subscribe(...) listens through
        // endregion guice-production-readme
        return injector;
    }
}
