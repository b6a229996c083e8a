package dev.eventstream.adapter.sns;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Settings of the {@link SnsEventPublisher}, checked when made: a bad setting fails here with a message naming it,
 * not at the first publish.
 *
 * @param topicArn the topic to publish to; a name ending in {@code .fifo} makes it a FIFO topic
 * @param region the topic's region; the builder takes it from {@code topicArn} when not given
 * @param credentialsProvider where credentials come from; {@code null} uses the SDK's default chain
 * @param endpointUrl an SNS endpoint other than AWS's (an emulator); {@code null} for AWS
 * @param maxRetries how often the client repeats a failed request before the publish fails, 0 to 20
 * @param connectTimeout how long opening a connection may take
 * @param socketTimeout how long the client waits for data on an open connection
 * @param maxConnections the most connections the client keeps open at once
 */
public record SnsConfig(
        String topicArn,
        String region,
        @Nullable AwsCredentialsProvider credentialsProvider,
        @Nullable URI endpointUrl,
        int maxRetries,
        Duration connectTimeout,
        Duration socketTimeout,
        int maxConnections) {

    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 50;
    public static final int MAX_RETRIES_LIMIT = 20;

    // arn:partition:sns:region:account:name, where a name is 1-256 of [A-Za-z0-9_-], a FIFO one ending in .fifo.
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:[a-z-]+:sns:([a-z0-9-]+):[0-9]{12}:([A-Za-z0-9_-]+(?:\\.fifo)?)");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
    private static final int MAX_TOPIC_NAME_LENGTH = 256;

    public SnsConfig {
        String arnRegion = topicRegion(topicArn);
        requireNonNull(region, "region is null");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be a region name such as us-east-1, was '" + region + "'");
        }
        if (!region.equals(arnRegion)) {
            throw new IllegalArgumentException(
                    "region " + region + " differs from the region of topicArn " + topicArn);
        }
        endpointUrl = checkEndpointUrl(endpointUrl);
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
            throw new IllegalArgumentException(
                    "maxRetries must be between 0 and " + MAX_RETRIES_LIMIT + ", was " + maxRetries);
        }
        checkPositive(connectTimeout, "connectTimeout");
        checkPositive(socketTimeout, "socketTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
    }

    /** Settings for publishing to {@code topicArn}, with every other setting at its default. */
    public static Builder builder(String topicArn) {
        return new Builder(topicArn);
    }

    public Builder toBuilder() {
        return new Builder(topicArn)
                .region(region)
                .credentialsProvider(credentialsProvider)
                .endpointUrl(endpointUrl)
                .maxRetries(maxRetries)
                .connectTimeout(connectTimeout)
                .socketTimeout(socketTimeout)
                .maxConnections(maxConnections);
    }

    /** Whether the topic is a FIFO topic, which needs a message group and a deduplication id on each message. */
    public boolean fifo() {
        return topicArn.endsWith(".fifo");
    }

    private static String topicRegion(String topicArn) {
        requireNonNull(topicArn, "topicArn is null");
        Matcher matcher = TOPIC_ARN.matcher(topicArn);
        if (!matcher.matches() || matcher.group(2).length() > MAX_TOPIC_NAME_LENGTH) {
            throw new IllegalArgumentException("topicArn must be an SNS topic ARN such as"
                    + " arn:aws:sns:us-east-1:123456789012:orders (or orders.fifo), was '" + topicArn + "'");
        }
        return matcher.group(1);
    }

    private static @Nullable URI checkEndpointUrl(@Nullable URI endpointUrl) {
        if (endpointUrl == null) {
            return null;
        }
        String scheme = endpointUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || endpointUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "endpointUrl must be an absolute http or https URL with a host, was '" + endpointUrl + "'");
        }
        return endpointUrl;
    }

    private static void checkPositive(Duration duration, String setting) {
        requireNonNull(duration, setting + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + duration);
        }
    }

    /** Builds an {@link SnsConfig}; {@link #build()} checks every setting. */
    public static final class Builder {
        private final String topicArn;
        private @Nullable String region;
        private @Nullable AwsCredentialsProvider credentialsProvider;
        private @Nullable URI endpointUrl;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder(String topicArn) {
            this.topicArn = topicArn;
        }

        /** The topic's region; by default the one in the topic ARN. */
        public Builder region(String region) {
            this.region = requireNonNull(region, "region is null");
            return this;
        }

        /** {@code null} (the default) uses the SDK's default credentials chain. */
        public Builder credentialsProvider(@Nullable AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        /** {@code null} (the default) talks to AWS. */
        public Builder endpointUrl(@Nullable URI endpointUrl) {
            this.endpointUrl = endpointUrl;
            return this;
        }

        public Builder endpointUrl(String endpointUrl) {
            requireNonNull(endpointUrl, "endpointUrl is null");
            try {
                return endpointUrl(URI.create(endpointUrl));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("endpointUrl is not a URL: '" + endpointUrl + "'", e);
            }
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public SnsConfig build() {
            String effectiveRegion = region != null ? region : topicRegion(topicArn);
            return new SnsConfig(topicArn, effectiveRegion, credentialsProvider, endpointUrl, maxRetries,
                    connectTimeout, socketTimeout, maxConnections);
        }
    }
}
