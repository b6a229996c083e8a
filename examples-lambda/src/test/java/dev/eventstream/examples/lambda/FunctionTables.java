package dev.eventstream.examples.lambda;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.lambda.FunctionEnvironment;
import dev.eventstream.testkit.moto.MotoServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The functions' tables on moto, made as their infrastructure would make them (here by a store with
 * {@code createTable=true}) and dropped on close, and the environment variables that name them.
 */
final class FunctionTables implements AutoCloseable {
    static final URI ENDPOINT = MotoServer.shared().endpoint();

    final DynamoDbConfig config = DynamoDbConfig.builder()
            .tableName("orders-" + UUID.randomUUID())
            .createTable(true)
            .feedMode(DynamoDbConfig.FeedMode.EXTERNAL)
            .clientSettings(EmulatorClients.settings(ENDPOINT))
            .build();

    FunctionTables() {
        new DynamoDbEventPersistence(config).close();
    }

    /** A function's variables naming these tables on moto; credentials come from the SDK's default chain. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put(FunctionEnvironment.TABLE_NAME, config.tableName());
        environment.put(FunctionEnvironment.REGION, EmulatorClients.REGION.id());
        environment.put(FunctionEnvironment.ENDPOINT_URL, ENDPOINT.toString());
        return environment;
    }

    /** The events table's DynamoDB stream, which Lambda's event source mapping reads for the indexer function. */
    String streamArn() {
        try (DynamoDbClient admin = EmulatorClients.client(DynamoDbClient.builder(), ENDPOINT)) {
            return admin.describeTable(r -> r.tableName(config.tableName())).table().latestStreamArn();
        }
    }

    @Override
    public void close() {
        try (DynamoDbClient admin = EmulatorClients.client(DynamoDbClient.builder(), ENDPOINT)) {
            admin.deleteTable(r -> r.tableName(config.tableName()));
            admin.deleteTable(r -> r.tableName(config.feedTableName()));
        }
    }
}
