package dev.eventstream.adapter.dynamodb;

import dev.eventstream.aws.AwsClients;
import dev.eventstream.aws.testing.EmulatorClients;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClientBuilder;

/**
 * An events table of its own with a DynamoDB stream (NEW_IMAGE), created here with the store's keys and indexes,
 * and the store's persistence on it, so that the stream's records are those of real appends.
 */
final class StreamedEventTable implements AutoCloseable {
    private final TestEngine engine;
    private final DynamoDbConfig config;
    private final DynamoDbEventPersistence persistence;
    private final String streamArn;
    private final List<DynamoDbStreamsClient> clients = new ArrayList<>();

    StreamedEventTable(TestEngine engine) {
        this.engine = engine;
        this.config = engine.newTable().withCreateTable(false);
        create(config.tableName());
        this.persistence = new DynamoDbEventPersistence(config);
        this.streamArn = ShardReader.streamArnOf(engine.admin(), config.tableName());
    }

    private void create(String tableName) {
        engine.admin().createTable(r -> r.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(EventItem.PK, ScalarAttributeType.S), attribute(EventItem.SEQ, ScalarAttributeType.N),
                        attribute(EventItem.LIST_PK, ScalarAttributeType.S),
                        attribute(EventItem.LIST_SK, ScalarAttributeType.B),
                        attribute(EventItem.PENDING_PK, ScalarAttributeType.S),
                        attribute(EventItem.PENDING_SK, ScalarAttributeType.B))
                .keySchema(key(EventItem.PK, KeyType.HASH), key(EventItem.SEQ, KeyType.RANGE))
                .globalSecondaryIndexes(
                        index(EventItem.LISTING_INDEX, EventItem.LIST_PK, EventItem.LIST_SK),
                        index(EventItem.PENDING_INDEX, EventItem.PENDING_PK, EventItem.PENDING_SK))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(partitionKey, KeyType.HASH), key(sortKey, KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                .build();
    }

    DynamoDbEventPersistence persistence() {
        return persistence;
    }

    String tableName() {
        return config.tableName();
    }

    String streamArn() {
        return streamArn;
    }

    /**
     * A new DynamoDB Streams client of moto for an indexer, with faults to inject; closed with this table. Built as
     * the store's clients are (settings of the engine), not marked test-only: what the indexer sends on it is its
     * own, and held to the adapter's IAM policy.
     */
    StreamsFaults streamsClient() {
        StreamsFaults faults = new StreamsFaults();
        DynamoDbStreamsClientBuilder builder = AwsClients.configure(DynamoDbStreamsClient.builder(),
                EmulatorClients.settings(engine.endpoint()));
        builder.overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(3)).addExecutionInterceptor(faults));
        DynamoDbStreamsClient client = builder.build();
        clients.add(client);
        return faults.installedIn(client);
    }

    @Override
    public void close() {
        persistence.close();
        clients.forEach(DynamoDbStreamsClient::close);
        engine.deleteTable(config.tableName());
    }
}
