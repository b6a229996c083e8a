package dev.eventstream.benchmarks;

import dev.eventstream.adapter.dynamodb.BenchmarkClients;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.core.DefaultEventStore;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The two sides of an append comparison, each on a client of its own at the same endpoint, as two applications
 * would have them: the library's store on the client its {@link DynamoDbConfig} builds (defaults but for endpoint,
 * region and credentials), and {@link HandWrittenAppends} on a client built by hand with the same settings. Each
 * client counts its requests. The events table must exist ({@link DynaliteEngine} creates it).
 */
final class AppendSides implements AutoCloseable {
    final RequestCounter libraryRequests = new RequestCounter();
    final RequestCounter rawRequests = new RequestCounter();
    final DefaultEventStore library;
    final HandWrittenAppends raw;
    private final DynamoDbClient libraryClient;

    AppendSides(URI endpoint) {
        DynamoDbConfig config = DynamoDbConfig.builder()
                .endpointUrl(endpoint)
                .region("us-east-1")
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .tableName(EventItems.TABLE)
                .feedMode(DynamoDbConfig.FeedMode.OFF) // dynalite has no DynamoDB Streams
                .build();
        libraryClient = BenchmarkClients.libraryClient(config, libraryRequests);
        library = DefaultEventStore.builder(new DynamoDbEventPersistence(libraryClient, config)).build();
        raw = HandWrittenAppends.on(endpoint, rawRequests);
    }

    @Override
    public void close() {
        library.close();
        libraryClient.close();
        raw.close();
    }
}
