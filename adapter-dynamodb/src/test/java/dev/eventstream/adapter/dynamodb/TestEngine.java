package dev.eventstream.adapter.dynamodb;

import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.aws.testing.iam.TestOnlyClients;
import dev.eventstream.testkit.moto.MotoServer;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A DynamoDB engine the tests run against (moto, LocalStack): configs and clients pointed at it, always with an
 * explicit region and credentials so the SDK never looks at the environment.
 */
final class TestEngine implements AutoCloseable {
    private static @Nullable TestEngine moto;

    private final URI endpoint;
    private final DynamoDbClient admin;

    TestEngine(URI endpoint) {
        this.endpoint = endpoint;
        this.admin = client();
    }

    /**
     * The moto server of this JVM, started on first use and shared by all test classes; fails (never skips) when it
     * cannot start.
     */
    static synchronized TestEngine moto() {
        if (moto == null) {
            moto = new TestEngine(MotoServer.shared().endpoint());
        }
        return moto;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * Settings for a table no other test uses, which the store creates, without the feed: most tests are about the
     * events table alone, and the feed's own tests turn it on ({@code withFeedMode}).
     */
    DynamoDbConfig newTable() {
        return DynamoDbConfig.builder()
                .tableName("events-" + UUID.randomUUID())
                .feedMode(DynamoDbConfig.FeedMode.OFF)
                .createTable(true)
                .clientSettings(EmulatorClients.settings(endpoint))
                .maxRetries(2)
                .build();
    }

    /**
     * A client of this engine with the given interceptors; the caller closes it. Test-only: what the test sends on
     * it is not held to the store's IAM policy, what a store sends on it is.
     */
    DynamoDbClient client(ExecutionInterceptor... interceptors) {
        DynamoDbClientBuilder builder = DynamoDbClients.builder(newTable())
                .overrideConfiguration(o -> {
                    o.retryStrategy(r -> r.maxAttempts(3));
                    for (ExecutionInterceptor interceptor : interceptors) {
                        o.addExecutionInterceptor(interceptor);
                    }
                });
        return TestOnlyClients.mark(builder).build();
    }

    /** The client for looking at tables directly, bypassing the store. */
    DynamoDbClient admin() {
        return admin;
    }

    /** An item as DynamoDB holds it, empty when missing. */
    Map<String, AttributeValue> item(String tableName, String pk, long sequence) {
        return admin.getItem(r -> r.tableName(tableName).consistentRead(true).key(Map.of(
                EventItem.PK, AttributeValue.fromS(pk),
                EventItem.SEQ, AttributeValue.fromN(Long.toString(sequence))))).item();
    }

    /** How many items the table holds, all kinds together. */
    int itemCount(String tableName) {
        return admin.scanPaginator(r -> r.tableName(tableName)).stream().mapToInt(page -> page.count()).sum();
    }

    void deleteTable(String tableName) {
        try {
            admin.deleteTable(r -> r.tableName(tableName));
        } catch (ResourceNotFoundException alreadyGone) {
            // Nothing to clean up.
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
