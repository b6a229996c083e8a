package dev.eventstream.delivery;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.moto.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The AWS side of the delivery tests, all on moto: a DynamoDB table for the events, a FIFO topic (per-stream order
 * and deduplication by event id) and SQS subscriptions to it.
 */
final class AwsDeliveryFixture {
    static final String REGION = "us-east-1";
    static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    final MotoServer moto = MotoServer.shared();
    final String table = "delivery-" + UUID.randomUUID();
    final String topicArn;

    AwsDeliveryFixture() {
        try (SnsClient sns = SnsClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(CREDENTIALS)
                .build()) {
            topicArn = sns.createTopic(b -> b.name("delivery-" + UUID.randomUUID() + ".fifo")
                    .attributes(java.util.Map.of("FifoTopic", "true"))).topicArn();
        }
    }

    /** The events table, created on first use. */
    EventPersistence persistence() {
        return persistence(moto.endpoint(), true);
    }

    static EventPersistence persistence(URI endpoint, String table, boolean createTable) {
        return new DynamoDbEventPersistence(DynamoDbConfig.builder()
                .tableName(table)
                .createTable(createTable)
                .endpointUrl(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(CREDENTIALS)
                .build());
    }

    EventPersistence persistence(URI endpoint, boolean createTable) {
        return persistence(endpoint, table, createTable);
    }

    /** Publishing to the topic through {@code endpoint}, failing fast when it cannot be reached. */
    SnsConfig snsConfig(URI endpoint) {
        return SnsConfig.builder(topicArn)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointUrl(endpoint)
                .maxRetries(0)
                .connectTimeout(Duration.ofMillis(500))
                .socketTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Subscriptions to the topic through SQS on moto, reading left-out payloads from {@code persistence}. */
    SqsSubscriptionSource subscriptions(EventPersistence persistence) {
        return new SqsSubscriptionSource(SqsConfig.builder(topicArn)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointUrl(moto.endpoint())
                .waitTime(Duration.ofSeconds(1))
                .build(), persistence);
    }
}
