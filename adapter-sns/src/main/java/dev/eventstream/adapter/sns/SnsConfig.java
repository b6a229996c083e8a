package dev.eventstream.adapter.sns;

import static java.util.Objects.requireNonNull;

import dev.eventstream.aws.AwsClientConfig;
import dev.eventstream.aws.AwsClientSettings;
import dev.eventstream.aws.SnsTopicArns;
import java.time.Duration;
import software.amazon.awssdk.regions.Region;

/**
 * Settings of the {@link SnsEventPublisher}, checked when made: a bad setting fails here with a message naming it,
 * not at the first publish.
 *
 * @param topicArn the topic to publish to; a name ending in {@code .fifo} makes it a FIFO topic
 * @param clientSettings how the SNS client reaches AWS: region (the topic's, taken from {@code topicArn} when not
 *     given), credentials ({@code null} uses the SDK's default chain), {@code endpointUrl} (an emulator;
 *     {@code null} for AWS), {@code maxRetries} before the publish fails (0 to 20), timeouts and connection pool
 * @param checkTopicAtStart whether the publisher asks SNS for the topic when made (one {@code GetTopicAttributes}),
 *     so that a wrong ARN fails the start; true by default. Off, a start sends no request (for AWS Lambda, where
 *     start-up time is billed), and a wrong ARN shows as publications that fail, naming the topic, and are retried
 */
public record SnsConfig(String topicArn, AwsClientSettings clientSettings, boolean checkTopicAtStart)
        implements AwsClientConfig {

    public static final int DEFAULT_MAX_RETRIES = AwsClientSettings.DEFAULT_MAX_RETRIES;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = AwsClientSettings.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_SOCKET_TIMEOUT = AwsClientSettings.DEFAULT_SOCKET_TIMEOUT;
    public static final int DEFAULT_MAX_CONNECTIONS = AwsClientSettings.DEFAULT_MAX_CONNECTIONS;
    public static final int MAX_RETRIES_LIMIT = AwsClientSettings.MAX_RETRIES_LIMIT;

    public SnsConfig {
        clientSettings = SnsTopicArns.inTopicRegion(topicArn, clientSettings);
    }

    /** Settings that check the topic when the publisher is made. */
    public SnsConfig(String topicArn, AwsClientSettings clientSettings) {
        this(topicArn, clientSettings, true);
    }

    /** Settings for publishing to {@code topicArn}, with every other setting at its default. */
    public static Builder builder(String topicArn) {
        return new Builder(topicArn);
    }

    public Builder toBuilder() {
        return new Builder(topicArn).clientSettings(clientSettings).checkTopicAtStart(checkTopicAtStart);
    }

    /** The topic's region. */
    @Override
    public Region region() {
        return requireNonNull(clientSettings.region());
    }

    /** Whether the topic is a FIFO topic, which needs a message group and a deduplication id on each message. */
    public boolean fifo() {
        return SnsTopicArns.isFifo(topicArn);
    }

    /**
     * Builds an {@link SnsConfig}; {@link #build()} checks every setting. The client settings (region, credentials,
     * endpoint, retries, timeouts, connections) have the same methods in every AWS adapter's builder; the region is
     * the topic's unless given.
     */
    public static final class Builder extends AwsClientSettings.AbstractBuilder<Builder> {
        private final String topicArn;

        private boolean checkTopicAtStart = true;

        private Builder(String topicArn) {
            this.topicArn = topicArn;
        }

        /** Whether the publisher asks SNS for the topic when made; true by default (see {@link SnsConfig}). */
        public Builder checkTopicAtStart(boolean checkTopicAtStart) {
            this.checkTopicAtStart = checkTopicAtStart;
            return this;
        }

        public SnsConfig build() {
            return new SnsConfig(topicArn, buildClientSettings(), checkTopicAtStart);
        }
    }
}
