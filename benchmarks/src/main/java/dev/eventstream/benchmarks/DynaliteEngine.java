package dev.eventstream.benchmarks;

import static dev.eventstream.benchmarks.EventItems.TABLE;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.SnapshotPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A dynalite server, one DynamoDB client that the library and the raw side share (so both pay the same HTTP stack),
 * and the events table as the library creates it.
 *
 * <p>With the system property {@value #ENDPOINT_PROPERTY} the engine uses that server, as {@link BenchmarkMain}
 * arranges so that every fork meets one server already warmed up by the forks before it; without it each fork
 * starts a server of its own.
 */
@State(Scope.Benchmark)
public class DynaliteEngine {
    public static final String ENDPOINT_PROPERTY = "eventstream.dynalite.endpoint";
    /** DynamoDB's most items per BatchWriteItem. */
    private static final int BATCH = 25;

    /** The server this engine started, if it did. */
    private @Nullable Dynalite dynalite;
    private URI endpoint;
    final RequestCounter requests = new RequestCounter();
    DynamoDbClient client;
    DynamoDbEventPersistence persistence;

    @Setup(Level.Trial)
    public void start() {
        String external = System.getProperty(ENDPOINT_PROPERTY, "").trim();
        startOn(external.isEmpty() ? null : URI.create(external));
    }

    /** Starts on the server at {@code endpoint}, or on a server of its own when it is null. */
    void startOn(@Nullable URI endpoint) {
        if (endpoint == null) {
            dynalite = Dynalite.start();
            this.endpoint = dynalite.endpoint();
        } else {
            this.endpoint = endpoint;
        }
        client = client(this.endpoint, requests);
        persistence = new DynamoDbEventPersistence(client, DynamoDbConfig.builder()
                .tableName(TABLE)
                .createTable(true)
                .feedMode(DynamoDbConfig.FeedMode.OFF) // dynalite has no DynamoDB Streams
                .build());
        // The library lists an aggregation with its first stream, in a transaction dynalite does not support;
        // seeding writes that marker once instead.
        client.putItem(r -> r.tableName(TABLE).item(EventItems.aggregationMarker(Workload.AGGREGATION)));
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (persistence != null) {
            persistence.close();
        }
        if (client != null) {
            client.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    /** A store over this engine's persistence, without notifications. */
    DefaultEventStore store(SnapshotPolicy snapshots) {
        return DefaultEventStore.builder(persistence).snapshotPolicy(snapshots).build();
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * A client on {@code endpoint} with fixed region and credentials (no lookup in the environment) and the
     * HTTP client the library's own config uses.
     */
    static DynamoDbClient client(URI endpoint, RequestCounter requests) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(DynamoDbConfig.DEFAULT_MAX_CONNECTIONS))
                .overrideConfiguration(o -> o.addExecutionInterceptor(requests))
                .build();
    }

    /** The requests this engine's client sent while {@code action} ran, by operation. */
    Map<String, Long> requestsOf(Runnable action) {
        Map<String, Long> before = requests.snapshot();
        action.run();
        Map<String, Long> sent = new TreeMap<>(requests.snapshot());
        before.forEach((operation, count) -> sent.merge(operation, -count, Long::sum));
        sent.values().removeIf(count -> count == 0);
        return sent;
    }

    /** Writes events 1 to {@code count} of {@code stream} in the library's format, 25 per BatchWriteItem. */
    void seed(StreamKey stream, long count) {
        seed(client, stream, count);
    }

    static void seed(DynamoDbClient client, StreamKey stream, long count) {
        long commitMillis = System.currentTimeMillis();
        List<WriteRequest> batch = new ArrayList<>(BATCH);
        for (long sequence = 1; sequence <= count; sequence++) {
            Map<String, AttributeValue> item = EventItems.event(stream, sequence, UUID.randomUUID(),
                    Workload.type(sequence), Workload.rawJson(Workload.payload(sequence)), commitMillis);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == BATCH || sequence == count) {
                writeAll(client, batch);
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    private static void writeAll(DynamoDbClient client, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(TABLE, batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 10) {
                throw new IllegalStateException("DynamoDB left items unprocessed 10 times in a row");
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }
}
