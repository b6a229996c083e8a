package dev.eventstream.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.api.StreamKey;
import dev.eventstream.aws.AwsClientSettings;
import dev.eventstream.aws.HttpClientType;
import dev.eventstream.core.DefaultEventStore;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One timed JVM of {@link ColdStart}: from the JVM's start to the return of its first committed append, on one
 * side. {@code library}: a {@link DynamoDbEventPersistence} with {@code createTable=false} on the existing table, an
 * {@link SnsEventPublisher} on the existing topic, a {@link DefaultEventStore} and one {@code addEvent}.
 * {@code bare}: a DynamoDB client of its own on the same HTTP client, a Jackson {@code ObjectMapper} of its own
 * writing the same payload, and one conditional PutItem. Prints one line that {@link ColdStart} reads.
 *
 * <p>Arguments: side, endpoint, events table, topic ARN.
 */
public final class ColdStartSide {
    static final String LINE_PREFIX = "cold-start-result ";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));

    /** The topic checked at start, as before the start-up work was cut: {@code -Dbench.coldStartCheckTopic=true}. */
    private static final boolean CHECK_TOPIC = Boolean.getBoolean("bench.coldStartCheckTopic");

    /** The HTTP client of both sides: {@code -Dbench.coldStartHttp=APACHE5} (default) or {@code URL_CONNECTION}. */
    static final HttpClientType HTTP = HttpClientType.valueOf(System.getProperty("bench.coldStartHttp", "APACHE5"));

    private ColdStartSide() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: ColdStartSide library|bare ENDPOINT TABLE TOPIC_ARN");
        }
        URI endpoint = URI.create(args[1]);
        String table = args[2];
        String topicArn = args[3];
        List<String> beforeAppend;
        AutoCloseable opened;
        switch (args[0]) {
            case "library" -> {
                DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(DynamoDbConfig.builder()
                        .tableName(table)
                        .createTable(false)
                        .httpClient(HTTP)
                        .endpointUrl(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .build());
                mark("persistence made");
                SnsEventPublisher publisher = new SnsEventPublisher(SnsConfig.builder(topicArn)
                        .endpointUrl(endpoint)
                        .credentialsProvider(CREDENTIALS)
                        .checkTopicAtStart(CHECK_TOPIC)
                        .httpClient(HTTP)
                        .build());
                mark("publisher made");
                DefaultEventStore store = new DefaultEventStore(persistence, publisher);
                mark("store made");
                opened = store;
                beforeAppend = ColdStartRequests.sent();
                store.getEventStream("orders", UUID.randomUUID().toString()).addEvent("OrderPlaced", payload());
            }
            case "bare" -> {
                AwsClientSettings defaults = AwsClientSettings.DEFAULT;
                DynamoDbClient client = DynamoDbClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .httpClientBuilder(HTTP == HttpClientType.URL_CONNECTION
                                ? UrlConnectionHttpClient.builder()
                                        .connectionTimeout(defaults.connectTimeout())
                                        .socketTimeout(defaults.socketTimeout())
                                : Apache5HttpClient.builder()
                                        .connectionTimeout(defaults.connectTimeout())
                                        .socketTimeout(defaults.socketTimeout())
                                        .maxConnections(defaults.maxConnections()))
                        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(defaults.maxRetries() + 1)))
                        .build();
                opened = client;
                ObjectMapper mapper = new ObjectMapper();
                beforeAppend = ColdStartRequests.sent();
                Map<String, AttributeValue> item = item(UUID.randomUUID().toString(), json(mapper, payload()));
                client.putItem(r -> r.tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", "pk")));
            }
            default -> throw new IllegalArgumentException("side must be library or bare, was " + args[0]);
        }
        long returned = System.currentTimeMillis();
        // Read after the append, so that loading the management classes is not timed.
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        List<String> byReturn = ColdStartRequests.sent();
        System.out.println(LINE_PREFIX + args[0] + " " + (returned - started) + " " + String.join(",", beforeAppend)
                + " " + String.join(",", byReturn));
        System.out.flush();
        opened.close();
        System.exit(0);
    }

    /** With {@code -Dbench.coldStartVerbose=true}, when each step of the library's start ended. */
    private static void mark(String step) {
        if (Boolean.getBoolean("bench.coldStartVerbose")) {
            System.err.printf("step %d ms %s%n", System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime(), step);
        }
    }

    /** About 200 bytes of JSON, as in the append comparisons; made here, not by a mapper, so neither side is warmed. */
    private static Map<String, Object> payload() {
        Map<String, Object> order = OrderFields.withoutNote();
        order.put("note", "x".repeat(24));
        return Collections.unmodifiableMap(order);
    }

    private static String json(ObjectMapper mapper, Object payload) throws JsonProcessingException {
        return mapper.writeValueAsString(payload);
    }

    /** The attributes the library's event item has, for the first event of a stream. */
    private static Map<String, AttributeValue> item(String streamId, String json) {
        Map<String, AttributeValue> item = new HashMap<>(8);
        item.put("pk", AttributeValue.fromS(new StreamKey("orders", streamId).asString()));
        item.put("seq", AttributeValue.fromN("1"));
        item.put("id", AttributeValue.fromS(UUID.randomUUID().toString()));
        item.put("type", AttributeValue.fromS("OrderPlaced"));
        item.put("data", AttributeValue.fromS(json));
        item.put("ts", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
        return item;
    }
}
