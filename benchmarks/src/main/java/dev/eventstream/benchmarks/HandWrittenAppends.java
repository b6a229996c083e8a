package dev.eventstream.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventstream.api.StreamKey;
import dev.eventstream.aws.AwsClientSettings;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * What an application writes instead of {@code addEvent}: its own DynamoDB client, its own Jackson
 * {@code ObjectMapper} writing the payload to JSON on every append, and a conditional PutItem of an item with the
 * attributes the library's event item has ({@code pk}, {@code seq}, {@code id}, {@code type}, {@code data},
 * {@code ts}), on the condition that the position is free. The raw side of every append comparison.
 *
 * <p>Thread-safe: the client and the mapper are; the caller keeps each stream's next sequence.
 */
final class HandWrittenAppends implements AutoCloseable {
    private static final String POSITION_IS_FREE = "attribute_not_exists(#pk)";
    private static final Map<String, String> POSITION_NAMES = Map.of("#pk", EventItems.PK);

    private final DynamoDbClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    private HandWrittenAppends(DynamoDbClient client) {
        this.client = client;
    }

    /**
     * On a client of its own at {@code endpoint}, built with the HTTP client, timeouts, pool and retries the
     * library's {@code DynamoDbConfig} gives its client by default ({@link AwsClientSettings}' defaults), and
     * {@code interceptor} counting its requests.
     */
    static HandWrittenAppends on(URI endpoint, ExecutionInterceptor interceptor) {
        AwsClientSettings defaults = AwsClientSettings.DEFAULT;
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(defaults.connectTimeout())
                        .socketTimeout(defaults.socketTimeout())
                        .maxConnections(defaults.maxConnections()))
                .overrideConfiguration(o -> o
                        .retryStrategy(r -> r.maxAttempts(defaults.maxRetries() + 1))
                        .addExecutionInterceptor(interceptor))
                .build();
        return new HandWrittenAppends(client);
    }

    /**
     * Writes {@code payload} as event {@code sequence} of {@code stream}, if that position is free. A position
     * found taken by this very item counts as written: the SDK resends a request whose answer it did not get (a
     * read timeout), and the resend of a write that had landed fails its condition.
     */
    PutItemResponse append(StreamKey stream, long sequence, String eventType, Object payload) {
        String eventId = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(8);
        item.put(EventItems.PK, AttributeValue.fromS(stream.asString()));
        item.put(EventItems.SEQ, AttributeValue.fromN(Long.toString(sequence)));
        item.put("id", AttributeValue.fromS(eventId));
        item.put("type", AttributeValue.fromS(eventType));
        item.put(EventItems.DATA, AttributeValue.fromS(json(payload)));
        item.put("ts", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
        try {
            return client.putItem(r -> r
                    .tableName(EventItems.TABLE)
                    .item(item)
                    .conditionExpression(POSITION_IS_FREE)
                    .expressionAttributeNames(POSITION_NAMES)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            AttributeValue stored = e.hasItem() ? e.item().get("id") : null;
            if (stored != null && eventId.equals(stored.s())) {
                return PutItemResponse.builder().build();
            }
            throw e;
        }
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the payload", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
