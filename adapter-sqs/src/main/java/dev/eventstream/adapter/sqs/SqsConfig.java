package dev.eventstream.adapter.sqs;

import static java.util.Objects.requireNonNull;

import dev.eventstream.aws.AwsClientConfig;
import dev.eventstream.aws.AwsClientSettings;
import dev.eventstream.aws.SnsTopicArns;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;

/**
 * Settings of the {@link SqsSubscriptionSource}, checked when made: a bad setting fails here with a message naming
 * it, not at the first subscription.
 *
 * @param topicArn the topic the events are published to; a name ending in {@code .fifo} makes it a FIFO topic,
 *     read through FIFO queues
 * @param clientSettings how the SQS and SNS clients reach AWS: the region of the topic and the queues (taken from
 *     {@code topicArn} when not given), credentials ({@code null} uses the SDK's default chain), an
 *     {@code endpointUrl} serving SNS and SQS other than AWS's (an emulator; {@code null} for AWS),
 *     {@code maxRetries} (0 to 20), timeouts (the socket timeout longer than {@code waitTime}) and the most
 *     connections each client keeps open at once
 * @param queueNamePrefix starts the name of every queue made: 1 to 20 of {@code [A-Za-z0-9_-]}
 * @param consumerGroup {@code null} (the default) gives each subscription a queue of its own, deleted when it is
 *     closed; a name (1 to 24 of {@code [A-Za-z0-9_-]}) gives one durable queue per aggregation and group, shared
 *     by every subscriber of that group (each event goes to one of them) and kept, still subscribed, when they
 *     close, so events committed meanwhile wait for the next subscriber
 * @param waitTime how long one receive call waits for messages (long polling), 1 to 20 whole seconds
 * @param visibilityTimeout how long a received message stays hidden; a message whose subscriber failed is
 *     delivered again after it, 1 second to 12 hours in whole seconds
 * @param maxMessages the most messages one receive call takes, 1 to 10
 * @param deduplicationCapacity how many recently delivered event ids a subscription remembers to drop repeats
 * @param maxDeliveryAttempts after this many failed deliveries of one event, or receives of a message that is no
 *     event notification, the subscription gives the message up: it logs it and moves it to the aggregation's
 *     dead-letter queue ({@code <queueNamePrefix>-<aggregation>-<hash>-undelivered_notifications}, created on first
 *     need), so the stream's later events can follow; 0 (the default) never gives up, and a subscriber that always
 *     fails on an event then holds back the rest of its stream on a FIFO topic
 */
public record SqsConfig(
        String topicArn,
        AwsClientSettings clientSettings,
        String queueNamePrefix,
        @Nullable String consumerGroup,
        Duration waitTime,
        Duration visibilityTimeout,
        int maxMessages,
        int deduplicationCapacity,
        int maxDeliveryAttempts) implements AwsClientConfig {

    public static final int DEFAULT_MAX_RETRIES = AwsClientSettings.DEFAULT_MAX_RETRIES;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = AwsClientSettings.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_SOCKET_TIMEOUT = AwsClientSettings.DEFAULT_SOCKET_TIMEOUT;
    public static final int DEFAULT_MAX_CONNECTIONS = AwsClientSettings.DEFAULT_MAX_CONNECTIONS;
    public static final String DEFAULT_QUEUE_NAME_PREFIX = "eventstream";
    public static final Duration DEFAULT_WAIT_TIME = Duration.ofSeconds(20);
    public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_MESSAGES = 10;
    public static final int DEFAULT_DEDUPLICATION_CAPACITY = 10_000;
    /** Never give up on a message: ordering and delivery win over progress. */
    public static final int UNLIMITED_DELIVERY_ATTEMPTS = 0;

    // SQS queue names are at most 80 of [A-Za-z0-9_-] (".fifo" included): these bounds keep ours within it.
    private static final Pattern QUEUE_NAME_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    private static final Pattern CONSUMER_GROUP = Pattern.compile("[A-Za-z0-9_-]{1,24}");
    private static final Duration MAX_WAIT_TIME = Duration.ofSeconds(20);
    private static final Duration MAX_VISIBILITY_TIMEOUT = Duration.ofHours(12);
    private static final int MAX_MESSAGES_LIMIT = 10;

    public SqsConfig {
        clientSettings = SnsTopicArns.inTopicRegion(topicArn, clientSettings);
        requireNonNull(queueNamePrefix, "queueNamePrefix is null");
        if (!QUEUE_NAME_PREFIX.matcher(queueNamePrefix).matches()) {
            throw new IllegalArgumentException(
                    "queueNamePrefix must be 1 to 20 of A-Z, a-z, 0-9, '-' and '_', was '" + queueNamePrefix + "'");
        }
        if (consumerGroup != null && !CONSUMER_GROUP.matcher(consumerGroup).matches()) {
            throw new IllegalArgumentException(
                    "consumerGroup must be 1 to 24 of A-Z, a-z, 0-9, '-' and '_', was '" + consumerGroup + "'");
        }
        checkWholeSeconds(waitTime, Duration.ofSeconds(1), MAX_WAIT_TIME, "waitTime");
        checkWholeSeconds(visibilityTimeout, Duration.ofSeconds(1), MAX_VISIBILITY_TIMEOUT, "visibilityTimeout");
        Duration socketTimeout = clientSettings.socketTimeout();
        if (socketTimeout.compareTo(waitTime) <= 0) {
            throw new IllegalArgumentException("socketTimeout (" + socketTimeout + ") must be longer than waitTime ("
                    + waitTime + "), or every long poll would time out");
        }
        checkRange(maxMessages, 1, MAX_MESSAGES_LIMIT, "maxMessages");
        checkRange(deduplicationCapacity, 1, Integer.MAX_VALUE, "deduplicationCapacity");
        checkRange(maxDeliveryAttempts, 0, Integer.MAX_VALUE, "maxDeliveryAttempts");
    }

    /** Settings for subscribing through {@code topicArn}, with every other setting at its default. */
    public static Builder builder(String topicArn) {
        return new Builder(topicArn);
    }

    public Builder toBuilder() {
        return new Builder(topicArn)
                .clientSettings(clientSettings)
                .queueNamePrefix(queueNamePrefix)
                .consumerGroup(consumerGroup)
                .waitTime(waitTime)
                .visibilityTimeout(visibilityTimeout)
                .maxMessages(maxMessages)
                .deduplicationCapacity(deduplicationCapacity)
                .maxDeliveryAttempts(maxDeliveryAttempts);
    }

    /** The region of the topic and the queues. */
    @Override
    public Region region() {
        return requireNonNull(clientSettings.region());
    }

    /** Whether the topic is a FIFO topic, whose subscribers read FIFO queues. */
    public boolean fifo() {
        return SnsTopicArns.isFifo(topicArn);
    }

    private static void checkRange(int value, int min, int max, String setting) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(max == Integer.MAX_VALUE
                    ? setting + " must be at least " + min + ", was " + value
                    : setting + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void checkWholeSeconds(Duration duration, Duration min, Duration max, String setting) {
        requireNonNull(duration, setting + " is null");
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0 || duration.getNano() != 0) {
            throw new IllegalArgumentException(
                    setting + " must be whole seconds from " + min + " to " + max + ", was " + duration);
        }
    }

    /**
     * Builds an {@link SqsConfig}; {@link #build()} checks every setting. The client settings (region, credentials,
     * endpoint, retries, timeouts, connections) have the same methods in every AWS adapter's builder; the region is
     * the topic's unless given.
     */
    public static final class Builder extends AwsClientSettings.AbstractBuilder<Builder> {
        private final String topicArn;
        private String queueNamePrefix = DEFAULT_QUEUE_NAME_PREFIX;
        private @Nullable String consumerGroup;
        private Duration waitTime = DEFAULT_WAIT_TIME;
        private Duration visibilityTimeout = DEFAULT_VISIBILITY_TIMEOUT;
        private int maxMessages = DEFAULT_MAX_MESSAGES;
        private int deduplicationCapacity = DEFAULT_DEDUPLICATION_CAPACITY;
        private int maxDeliveryAttempts = UNLIMITED_DELIVERY_ATTEMPTS;

        private Builder(String topicArn) {
            this.topicArn = topicArn;
        }

        public Builder queueNamePrefix(String queueNamePrefix) {
            this.queueNamePrefix = queueNamePrefix;
            return this;
        }

        /** {@code null} (the default): a queue of its own per subscription, deleted when it is closed. */
        public Builder consumerGroup(@Nullable String consumerGroup) {
            this.consumerGroup = consumerGroup;
            return this;
        }

        public Builder waitTime(Duration waitTime) {
            this.waitTime = waitTime;
            return this;
        }

        public Builder visibilityTimeout(Duration visibilityTimeout) {
            this.visibilityTimeout = visibilityTimeout;
            return this;
        }

        public Builder maxMessages(int maxMessages) {
            this.maxMessages = maxMessages;
            return this;
        }

        public Builder deduplicationCapacity(int deduplicationCapacity) {
            this.deduplicationCapacity = deduplicationCapacity;
            return this;
        }

        /** {@link #UNLIMITED_DELIVERY_ATTEMPTS} (the default) never gives up on a message, never dead-letters one. */
        public Builder maxDeliveryAttempts(int maxDeliveryAttempts) {
            this.maxDeliveryAttempts = maxDeliveryAttempts;
            return this;
        }

        public SqsConfig build() {
            return new SqsConfig(topicArn, buildClientSettings(), queueNamePrefix, consumerGroup, waitTime,
                    visibilityTimeout, maxMessages, deduplicationCapacity, maxDeliveryAttempts);
        }
    }
}
