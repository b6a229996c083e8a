package dev.eventstream.spring;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.aws.AwsClientSettings;
import dev.eventstream.aws.HttpClientType;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The {@code eventstream.*} properties. Each adapter's config is built from them when they are bound, so a wrong
 * setting fails the start of the application with a message naming its property, through the adapter's own checks.
 * A setting left unset takes the adapter's default, the same as on the Guice path and with plain constructors.
 *
 * @param aws how every AWS client reaches AWS ({@code eventstream.aws.*})
 * @param dynamodb the events table; events are kept in memory while {@code eventstream.dynamodb.table-name} is unset
 * @param sns the topic notifications are published to
 * @param sqs the subscriptions through SQS queues on the topic
 */
@ConfigurationProperties("eventstream")
public record EventStreamProperties(
        @DefaultValue Aws aws, @DefaultValue DynamoDb dynamodb, @DefaultValue Sns sns, @DefaultValue Sqs sqs) {

    public EventStreamProperties {
        // Each config built once to check it; credentials are never checked up front.
        SettingNames.naming(SettingNames.AWS, () -> aws.applyTo(AwsClientSettings.builder(), null).build());
        dynamoDbConfig(aws, dynamodb, null, StoreTelemetry.none());
        snsConfig(aws, sns, null, StoreTelemetry.none());
        sqsConfig(aws, sns, sqs, null, StoreTelemetry.none());
    }

    /** Whether the events are stored in DynamoDB: {@code eventstream.dynamodb.table-name} is set. */
    public boolean usesDynamoDb() {
        return dynamodb.tableName() != null;
    }

    /** The DynamoDB settings, when {@code eventstream.dynamodb.table-name} is set; else empty. */
    public Optional<DynamoDbConfig> dynamoDbConfig(@Nullable AwsCredentialsProvider credentials) {
        return dynamoDbConfig(aws, dynamodb, credentials, StoreTelemetry.none());
    }

    /** As {@link #dynamoDbConfig(AwsCredentialsProvider)}, its clients reporting to {@code telemetry}. */
    public Optional<DynamoDbConfig> dynamoDbConfig(@Nullable AwsCredentialsProvider credentials,
            StoreTelemetry telemetry) {
        return dynamoDbConfig(aws, dynamodb, credentials, telemetry);
    }

    /** The SNS publisher's settings, when {@code eventstream.sns.topic-arn} is set; else empty. */
    public Optional<SnsConfig> snsConfig(@Nullable AwsCredentialsProvider credentials) {
        return snsConfig(aws, sns, credentials, StoreTelemetry.none());
    }

    /** As {@link #snsConfig(AwsCredentialsProvider)}, its client reporting to {@code telemetry}. */
    public Optional<SnsConfig> snsConfig(@Nullable AwsCredentialsProvider credentials, StoreTelemetry telemetry) {
        return snsConfig(aws, sns, credentials, telemetry);
    }

    /**
     * The SQS subscriptions' settings, when {@code eventstream.sqs.topic-arn} or else {@code eventstream.sns.topic-arn}
     * is set; else empty.
     */
    public Optional<SqsConfig> sqsConfig(@Nullable AwsCredentialsProvider credentials) {
        return sqsConfig(aws, sns, sqs, credentials, StoreTelemetry.none());
    }

    /** As {@link #sqsConfig(AwsCredentialsProvider)}, its clients reporting to {@code telemetry}. */
    public Optional<SqsConfig> sqsConfig(@Nullable AwsCredentialsProvider credentials, StoreTelemetry telemetry) {
        return sqsConfig(aws, sns, sqs, credentials, telemetry);
    }

    private static Optional<DynamoDbConfig> dynamoDbConfig(
            Aws aws, DynamoDb dynamodb, @Nullable AwsCredentialsProvider credentials, StoreTelemetry telemetry) {
        if (dynamodb.tableName() == null) {
            return Optional.empty();
        }
        return Optional.of(SettingNames.naming(SettingNames.of(SettingNames.AWS, SettingNames.DYNAMODB),
                () -> dynamodb.applyTo(aws.applyTo(DynamoDbConfig.builder(), credentials).telemetry(telemetry))
                        .build()));
    }

    private static Optional<SnsConfig> snsConfig(Aws aws, Sns sns, @Nullable AwsCredentialsProvider credentials,
            StoreTelemetry telemetry) {
        if (sns.topicArn() == null) {
            return Optional.empty();
        }
        return Optional.of(SettingNames.naming(SettingNames.of(SettingNames.AWS, SettingNames.SNS),
                () -> aws.applyTo(SnsConfig.builder(sns.topicArn()), credentials).telemetry(telemetry).build()));
    }

    private static Optional<SqsConfig> sqsConfig(
            Aws aws, Sns sns, Sqs sqs, @Nullable AwsCredentialsProvider credentials, StoreTelemetry telemetry) {
        String topicArn = sqs.topicArn() != null ? sqs.topicArn() : sns.topicArn();
        if (topicArn == null) {
            return Optional.empty();
        }
        Map<String, String> topic = Map.of("topicArn",
                sqs.topicArn() != null ? "eventstream.sqs.topic-arn" : "eventstream.sns.topic-arn");
        return Optional.of(SettingNames.naming(SettingNames.of(SettingNames.AWS, SettingNames.SQS, topic),
                () -> sqs.applyTo(aws.applyTo(SqsConfig.builder(topicArn), credentials).telemetry(telemetry))
                        .build()));
    }

    /** Null for a blank value: {@code EVENTSTREAM_SNS_TOPIC_ARN=} leaves the topic unset, as no variable would. */
    static @Nullable String unlessBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * How the AWS clients of every adapter reach AWS ({@code eventstream.aws.*}); each unset one keeps the adapter's
     * default. Credentials are not properties: the SDK's default chain finds them, or the application's
     * {@link AwsCredentialsProvider} bean when it has one.
     *
     * @param region such as {@code eu-west-1}; unset means the SDK's region lookup (for SNS and SQS, the topic's)
     * @param endpointUrl an emulator such as {@code http://localhost:4566}, for every service; unset means AWS
     * @param maxRetries how often a failed request is repeated, 0 to 20; unset: 3 for DynamoDB, 2 for SNS and SQS
     * @param connectTimeout opening a connection, 1 ms to 1 hour; unset: 2 s
     * @param socketTimeout waiting for data on a connection, 1 ms to 1 hour; unset: 30 s
     * @param maxConnections the most connections one client keeps open; unset: 50
     * @param httpClient {@code apache5} (the default), {@code url-connection} or {@code crt}, each needing its SDK
     *     artifact on the class path: see {@link HttpClientType}
     */
    public record Aws(@Nullable String region, @Nullable String endpointUrl, @Nullable Integer maxRetries,
            @Nullable Duration connectTimeout, @Nullable Duration socketTimeout, @Nullable Integer maxConnections,
            @Nullable HttpClientType httpClient) {

        public Aws {
            region = unlessBlank(region);
            endpointUrl = unlessBlank(endpointUrl);
        }

        /** {@code builder} with every setting given here, and {@code credentials} when not null. */
        <B extends AwsClientSettings.AbstractBuilder<B>> B applyTo(B builder,
                @Nullable AwsCredentialsProvider credentials) {
            if (region != null) {
                builder.region(region);
            }
            if (endpointUrl != null) {
                builder.endpointUrl(endpointUrl);
            }
            if (maxRetries != null) {
                builder.maxRetries(maxRetries);
            }
            if (connectTimeout != null) {
                builder.connectTimeout(connectTimeout);
            }
            if (socketTimeout != null) {
                builder.socketTimeout(socketTimeout);
            }
            if (maxConnections != null) {
                builder.maxConnections(maxConnections);
            }
            if (httpClient != null) {
                builder.httpClient(httpClient);
            }
            if (credentials != null) {
                builder.credentialsProvider(credentials);
            }
            return builder;
        }
    }

    /**
     * The events table ({@code eventstream.dynamodb.*}), used when {@code table-name} is set.
     *
     * @param tableName the events table; unset keeps events in memory
     * @param createTable create the tables when missing (with the stream, TTL and capacity below); false by default,
     *     as in {@link DynamoDbConfig}: the tables must exist and are checked at start
     * @param feedMode {@code in-process} (the default), {@code external} or {@code off}: see {@link FeedMode}
     * @param feedTableName the feed's table; unset means {@code <table-name>-feed}
     * @param ttl how long after its commit an event expires, 1 s to 36,500 days; unset keeps events forever
     * @param readCapacityUnits provisioned reads of a table the store creates; unset with {@code write-capacity-units}
     *     for on-demand billing
     * @param writeCapacityUnits provisioned writes of a table the store creates
     */
    public record DynamoDb(
            @Nullable String tableName,
            boolean createTable,
            @DefaultValue("IN_PROCESS") FeedMode feedMode,
            @Nullable String feedTableName,
            @Nullable Duration ttl,
            @Nullable Long readCapacityUnits,
            @Nullable Long writeCapacityUnits) {

        public DynamoDb {
            tableName = unlessBlank(tableName);
            feedTableName = unlessBlank(feedTableName);
        }

        DynamoDbConfig.Builder applyTo(DynamoDbConfig.Builder builder) {
            return builder.tableName(tableName)
                    .createTable(createTable)
                    .feedMode(feedMode)
                    .feedTableName(feedTableName)
                    .ttl(ttl)
                    .readCapacityUnits(readCapacityUnits)
                    .writeCapacityUnits(writeCapacityUnits);
        }
    }

    /**
     * The SNS topic ({@code eventstream.sns.*}).
     *
     * @param topicArn publish notifications to this topic, and subscribe through SQS queues on it; unset: in memory
     *     the in-memory bus publishes and subscribes, on DynamoDB nothing is published
     */
    public record Sns(@Nullable String topicArn) {
        public Sns {
            topicArn = unlessBlank(topicArn);
        }
    }

    /**
     * Subscriptions through SQS queues on the topic ({@code eventstream.sqs.*}, as {@link SqsConfig}); each unset one
     * keeps {@link SqsConfig}'s default.
     *
     * @param topicArn the topic the queues subscribe to; unset means {@code eventstream.sns.topic-arn}
     * @param queueNamePrefix starts every queue's name; unset: {@code eventstream}
     * @param consumerGroup unset gives each subscription a queue of its own; a name, one durable queue per
     *     aggregation shared by the group
     * @param waitTime one long poll, 1 to 20 whole seconds; unset: 20 s
     * @param visibilityTimeout how long a received message stays hidden, 1 s to 12 h; unset: 30 s
     * @param maxMessages the most messages one receive takes, 1 to 10; unset: 10
     * @param deduplicationCapacity recently delivered event ids a subscription remembers; unset: 10,000
     * @param maxDeliveryAttempts failed deliveries before a message goes to the dead-letter queue; unset: 0, never
     */
    public record Sqs(@Nullable String topicArn, @Nullable String queueNamePrefix, @Nullable String consumerGroup,
            @Nullable Duration waitTime, @Nullable Duration visibilityTimeout, @Nullable Integer maxMessages,
            @Nullable Integer deduplicationCapacity, @Nullable Integer maxDeliveryAttempts) {

        public Sqs {
            topicArn = unlessBlank(topicArn);
            queueNamePrefix = unlessBlank(queueNamePrefix);
            consumerGroup = unlessBlank(consumerGroup);
        }

        SqsConfig.Builder applyTo(SqsConfig.Builder builder) {
            if (queueNamePrefix != null) {
                builder.queueNamePrefix(queueNamePrefix);
            }
            builder.consumerGroup(consumerGroup);
            if (waitTime != null) {
                builder.waitTime(waitTime);
            }
            if (visibilityTimeout != null) {
                builder.visibilityTimeout(visibilityTimeout);
            }
            if (maxMessages != null) {
                builder.maxMessages(maxMessages);
            }
            if (deduplicationCapacity != null) {
                builder.deduplicationCapacity(deduplicationCapacity);
            }
            if (maxDeliveryAttempts != null) {
                builder.maxDeliveryAttempts(maxDeliveryAttempts);
            }
            return builder;
        }
    }
}
