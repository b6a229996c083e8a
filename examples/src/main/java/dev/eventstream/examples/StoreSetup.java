package dev.eventstream.examples;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.inmemory.InMemoryEventBus;
import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.micrometer.MicrometerTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Chooses the adapters of the examples from environment variables:
 *
 * <ul>
 *   <li>{@value #TABLE}: store events in this DynamoDB table (created when missing) instead of in memory;
 *   <li>{@value #TOPIC_ARN}: publish through this SNS topic and subscribe through SQS instead of the in-memory bus;
 *   <li>{@value #ENDPOINT}: the endpoint of an emulator such as LocalStack ({@code http://localhost:4566}), for
 *       every service; unset means real AWS;
 *   <li>{@code AWS_REGION} (default {@code us-east-1}) and the usual AWS credentials; against an emulator
 *       without credentials, {@code test}/{@code test} are used.
 * </ul>
 */
public final class StoreSetup {
    public static final String TABLE = "EVENTSTREAM_DYNAMODB_TABLE";
    public static final String TOPIC_ARN = "EVENTSTREAM_SNS_TOPIC_ARN";
    public static final String ENDPOINT = "EVENTSTREAM_AWS_ENDPOINT";

    private final @Nullable String table;
    private final @Nullable String topicArn;
    private final @Nullable URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    /** Where the store's meters go; the quick start prints them at its end. */
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final StoreTelemetry telemetry = new MicrometerTelemetry(meters);

    private StoreSetup(Map<String, String> env) {
        this.table = nonBlank(env.get(TABLE));
        this.topicArn = nonBlank(env.get(TOPIC_ARN));
        String configuredEndpoint = nonBlank(env.get(ENDPOINT));
        this.endpoint = configuredEndpoint == null ? null : URI.create(configuredEndpoint);
        String configuredRegion = nonBlank(env.get("AWS_REGION"));
        this.region = configuredRegion != null ? configuredRegion : "us-east-1";
        this.credentials = endpoint != null && nonBlank(env.get("AWS_ACCESS_KEY_ID")) == null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))
                : DefaultCredentialsProvider.builder().build();
    }

    public static StoreSetup fromEnvironment(Map<String, String> env) {
        return new StoreSetup(env);
    }

    public String description() {
        List<String> parts = new ArrayList<>();
        parts.add(table != null ? "DynamoDB table " + table : "in-memory events");
        parts.add(topicArn != null ? "SNS topic " + topicArn + " with SQS subscriptions" : "in-memory notifications");
        if (endpoint != null) {
            parts.add("at " + endpoint);
        }
        return String.join(", ", parts);
    }

    /** The registry holding the store's meters ({@code eventstream.*}): print it with {@code MetricsSummary}. */
    public MeterRegistry meters() {
        return meters;
    }

    public DefaultEventStore open() {
        return storeBuilder().build();
    }

    /**
     * A builder of the store over the chosen adapters, for settings of the caller's own, such as its
     * {@code EventTypes}: {@code setup.storeBuilder().eventTypes(types).build()}.
     */
    public DefaultEventStore.Builder storeBuilder() {
        EventPersistence persistence = table != null ? dynamoDb() : new InMemoryEventPersistence();
        if (topicArn == null) {
            InMemoryEventBus bus = new InMemoryEventBus();
            return DefaultEventStore.builder(persistence).publisher(bus).subscriptions(bus).telemetry(telemetry);
        }
        SnsEventPublisher publisher = new SnsEventPublisher(SnsConfig.builder(topicArn).region(region)
                .credentialsProvider(credentials).endpointUrl(endpoint).telemetry(telemetry).build());
        SqsSubscriptionSource subscriptions = new SqsSubscriptionSource(SqsConfig.builder(topicArn).region(region)
                .credentialsProvider(credentials).endpointUrl(endpoint).telemetry(telemetry).build(), persistence);
        return DefaultEventStore.builder(persistence).publisher(publisher).subscriptions(subscriptions)
                .telemetry(telemetry);
    }

    private EventPersistence dynamoDb() {
        return new DynamoDbEventPersistence(DynamoDbConfig.builder()
                .tableName(table)
                .createTable(true)
                // The feed, indexed in this process: the projection reads it, and notifications come from it.
                .feedMode(DynamoDbConfig.FeedMode.IN_PROCESS)
                .endpointUrl(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .telemetry(telemetry)
                .build());
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
