package dev.eventstream.delivery;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.moto.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The AWS side of the delivery tests, all on moto: a DynamoDB table for the events, a FIFO topic (per-stream order
 * and deduplication by event id) and SQS subscriptions to it.
 */
final class AwsDeliveryFixture {
    final MotoServer moto = MotoServer.shared();
    final String table = "delivery-" + UUID.randomUUID();
    final String topicArn;

    AwsDeliveryFixture() {
        try (SnsClient sns = EmulatorClients.client(SnsClient.builder(), moto.endpoint())) {
            topicArn = sns.createTopic(b -> b.name("delivery-" + UUID.randomUUID() + ".fifo")
                    .attributes(Map.of("FifoTopic", "true"))).topicArn();
        }
    }

    /** The events table, created on first use. */
    EventPersistence persistence() {
        return persistence(moto.endpoint(), true);
    }

    /** A persistence without the feed: these tests are about the outbox and its relay. */
    static EventPersistence persistence(URI endpoint, String table, boolean createTable) {
        return persistence(endpoint, table, createTable, FeedMode.OFF);
    }

    /** The events table with the feed in {@code feedMode}; with {@code createTable}, its stream and feed table too. */
    static DynamoDbEventPersistence persistence(URI endpoint, String table, boolean createTable, FeedMode feedMode) {
        return new DynamoDbEventPersistence(DynamoDbConfig.builder()
                .tableName(table)
                .createTable(createTable)
                .feedMode(feedMode)
                .clientSettings(EmulatorClients.settings(endpoint))
                .build());
    }

    EventPersistence persistence(URI endpoint, boolean createTable) {
        return persistence(endpoint, table, createTable);
    }

    /** Publishing to the topic through {@code endpoint}, failing fast when it cannot be reached. */
    SnsConfig snsConfig(URI endpoint) {
        return SnsConfig.builder(topicArn)
                .clientSettings(EmulatorClients.settings(endpoint))
                .maxRetries(0)
                .connectTimeout(Duration.ofMillis(500))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Subscriptions to the topic through SQS on moto, reading left-out payloads from {@code persistence}. */
    SqsSubscriptionSource subscriptions(EventPersistence persistence) {
        return new SqsSubscriptionSource(SqsConfig.builder(topicArn)
                .clientSettings(EmulatorClients.settings(moto.endpoint()))
                .waitTime(Duration.ofSeconds(1))
                .build(), persistence);
    }
}
