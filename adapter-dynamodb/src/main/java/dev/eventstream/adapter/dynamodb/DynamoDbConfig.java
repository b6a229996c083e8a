package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.aws.AwsClientConfig;
import dev.eventstream.aws.AwsClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Settings of the DynamoDB event store: the seed's {@code tableName}, {@code createTable},
 * {@code readCapacityUnit}/{@code writeCapacityUnit}, {@code endpointUrl}, {@code maxRetries}, {@code httpOptions}
 * and {@code ttl}, plus region and credentials. Every setting is checked here, and a wrong one is named in the
 * exception. Start from {@link #DEFAULT} or {@link #builder()} and change what you need with the withers.
 *
 * @param tableName the table holding the events: 3 to 255 characters of {@code a-z A-Z 0-9 _ - .}
 * @param createTable create the table (and enable TTL when {@code ttl} is set) when it is missing; when false the
 *     table must exist and is only checked at start-up
 * @param readCapacityUnits provisioned read capacity of a table the store creates; unset together with
 *     {@code writeCapacityUnits} for on-demand billing
 * @param writeCapacityUnits provisioned write capacity of a table the store creates; unset together with
 *     {@code readCapacityUnits} for on-demand billing
 * @param ttl when set, each event expires this long after its commit: it gets an expiry attribute
 *     ({@code commitTimestamp + ttl} in epoch seconds) and a table the store creates has TTL enabled on it; 1 second
 *     to 36,500 days (100 years); unset keeps events forever
 * @param clientSettings how the DynamoDB client reaches AWS: region, credentials, {@code endpointUrl} (LocalStack,
 *     moto), {@code maxRetries} before the store reports {@link dev.eventstream.api.EventStoreUnavailableException},
 *     timeouts and connection pool; an unset region or credentials provider means the SDK's default lookup
 * @param feedMode whether the store keeps the ordered feed of its events, and who indexes it ({@link FeedMode});
 *     {@link FeedMode#IN_PROCESS} by default: the feed serves catch-up subscriptions and notifications that keep
 *     per-stream order across processes. {@link FeedMode#OFF} for DynamoDB-compatible engines without Streams, whose
 *     notifications then go through the outbox
 * @param feedTableName the table holding the feed, its consumers' checkpoints, leases and parked entries: DynamoDB's
 *     naming rule as for {@code tableName}, and not the events table; by default {@code tableName + "-feed"}, which
 *     follows a changed {@code tableName}; checked only when the feed is on
 */
public record DynamoDbConfig(
        String tableName,
        boolean createTable,
        @Nullable Long readCapacityUnits,
        @Nullable Long writeCapacityUnits,
        @Nullable Duration ttl,
        AwsClientSettings clientSettings,
        FeedMode feedMode,
        String feedTableName) implements AwsClientConfig {

    // DynamoDB's own naming rule for tables.
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    public static final String DEFAULT_TABLE_NAME = "events";
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = AwsClientSettings.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_SOCKET_TIMEOUT = AwsClientSettings.DEFAULT_SOCKET_TIMEOUT;
    public static final int DEFAULT_MAX_CONNECTIONS = AwsClientSettings.DEFAULT_MAX_CONNECTIONS;
    public static final Duration MIN_TTL = Duration.ofSeconds(1);
    public static final Duration MAX_TTL = Duration.ofDays(36_500);
    /** What the default feed table name adds to {@code tableName}. */
    public static final String FEED_TABLE_SUFFIX = "-feed";

    /**
     * Table {@code events}, not created by the store, on-demand billing, AWS endpoint, 3 retries, SDK default
     * timeouts and connection pool, no TTL, region and credentials from the SDK's default lookup, the feed on and
     * indexed in process, in table {@code events-feed}.
     */
    public static final DynamoDbConfig DEFAULT = builder().build();

    /**
     * Whether the store keeps the ordered feed of its events (read with {@code EventStore.readFeed}, followed by
     * catch-up subscriptions), and which process indexes it. With the feed on, the events table has a DynamoDB
     * stream (view type {@code NEW_IMAGE}) and a second table, {@code feedTableName}, holds the feed.
     */
    public enum FeedMode {
        /** No feed: no stream, no feed table, and reading the feed is unavailable. */
        OFF,
        /**
         * The feed is on, and this process indexes the events table's stream into it whenever it holds the
         * indexer's lease; the other processes of the service stand by to take over.
         */
        IN_PROCESS,
        /**
         * The feed is on, and the indexer runs elsewhere (for instance an AWS Lambda function on the stream): this
         * process reads the feed and keeps consumers' checkpoints, but never indexes.
         */
        EXTERNAL
    }

    /** The settings of a store without a feed, as before the feed existed. */
    public DynamoDbConfig(String tableName, boolean createTable, @Nullable Long readCapacityUnits,
            @Nullable Long writeCapacityUnits, @Nullable Duration ttl, AwsClientSettings clientSettings) {
        this(tableName, createTable, readCapacityUnits, writeCapacityUnits, ttl, clientSettings, FeedMode.OFF,
                defaultFeedTableName(requireNonNull(tableName, "tableName is null")));
    }

    public DynamoDbConfig {
        requireNonNull(tableName, "tableName is null");
        require(TABLE_NAME.matcher(tableName).matches(),
                "tableName must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.', was '" + tableName + "'");
        requirePositive(readCapacityUnits, "readCapacityUnits");
        requirePositive(writeCapacityUnits, "writeCapacityUnits");
        if ((readCapacityUnits == null) != (writeCapacityUnits == null)) {
            throw new IllegalArgumentException(String.format(
                    "readCapacityUnits and writeCapacityUnits must be set together (neither means on-demand billing),"
                            + " but only %s is set",
                    readCapacityUnits != null ? "readCapacityUnits" : "writeCapacityUnits"));
        }
        if (ttl != null) {
            // At least a second: DynamoDB expires items by epoch seconds. At most 100 years: a longer one means
            // "forever", which is no ttl, and the bound keeps commit time + ttl far inside what an Instant holds.
            require(ttl.compareTo(MIN_TTL) >= 0 && ttl.compareTo(MAX_TTL) <= 0, "ttl must be from 1 second to"
                    + " 36500 days (100 years; leave it unset to keep events forever), was " + ttl);
        }
        requireNonNull(clientSettings, "clientSettings is null");
        requireNonNull(feedMode, "feedMode is null");
        requireNonNull(feedTableName, "feedTableName is null");
        if (feedMode != FeedMode.OFF) {
            require(TABLE_NAME.matcher(feedTableName).matches(), "feedTableName must be 3 to 255 characters of a-z,"
                    + " A-Z, 0-9, '_', '-' and '.', was '" + feedTableName + "'" + (feedTableName.equals(
                            defaultFeedTableName(tableName)) ? " (tableName + '" + FEED_TABLE_SUFFIX + "', the"
                            + " default: set feedTableName when tableName is longer than 250 characters)" : ""));
            require(!feedTableName.equals(tableName), "feedTableName must differ from tableName: the feed has a"
                    + " table of its own, was '" + feedTableName + "' for both");
        }
    }

    private static String defaultFeedTableName(String tableName) {
        return tableName + FEED_TABLE_SUFFIX;
    }

    /** Whether the store keeps the feed: {@link #feedMode()} is not {@link FeedMode#OFF}. */
    public boolean feedEnabled() {
        return feedMode != FeedMode.OFF;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether a table the store creates uses on-demand billing (no capacity units set). */
    public boolean onDemand() {
        return readCapacityUnits == null;
    }

    public DynamoDbConfig withTableName(String tableName) {
        return toBuilder().tableName(tableName).build();
    }

    public DynamoDbConfig withCreateTable(boolean createTable) {
        return toBuilder().createTable(createTable).build();
    }

    /** Provisioned billing with these capacity units for a table the store creates. */
    public DynamoDbConfig withCapacityUnits(long readCapacityUnits, long writeCapacityUnits) {
        return toBuilder().readCapacityUnits(readCapacityUnits).writeCapacityUnits(writeCapacityUnits).build();
    }

    /** On-demand billing for a table the store creates. */
    public DynamoDbConfig withOnDemandBilling() {
        return toBuilder().readCapacityUnits(null).writeCapacityUnits(null).build();
    }

    public DynamoDbConfig withEndpointUrl(@Nullable URI endpointUrl) {
        return toBuilder().endpointUrl(endpointUrl).build();
    }

    public DynamoDbConfig withMaxRetries(int maxRetries) {
        return toBuilder().maxRetries(maxRetries).build();
    }

    public DynamoDbConfig withConnectTimeout(Duration connectTimeout) {
        return toBuilder().connectTimeout(connectTimeout).build();
    }

    public DynamoDbConfig withSocketTimeout(Duration socketTimeout) {
        return toBuilder().socketTimeout(socketTimeout).build();
    }

    public DynamoDbConfig withMaxConnections(int maxConnections) {
        return toBuilder().maxConnections(maxConnections).build();
    }

    public DynamoDbConfig withTtl(@Nullable Duration ttl) {
        return toBuilder().ttl(ttl).build();
    }

    public DynamoDbConfig withRegion(@Nullable Region region) {
        return toBuilder().region(region).build();
    }

    public DynamoDbConfig withCredentialsProvider(@Nullable AwsCredentialsProvider credentialsProvider) {
        return toBuilder().credentialsProvider(credentialsProvider).build();
    }

    public DynamoDbConfig withFeedMode(FeedMode feedMode) {
        return toBuilder().feedMode(feedMode).build();
    }

    /** The feed in {@code feedTableName}; null goes back to the default, {@code tableName + "-feed"}. */
    public DynamoDbConfig withFeedTableName(@Nullable String feedTableName) {
        return toBuilder().feedTableName(feedTableName).build();
    }

    private static void requirePositive(@Nullable Long value, String setting) {
        require(value == null || value >= 1, setting + " must be at least 1 when set, was " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Collects settings; {@link #build()} checks them. Starts from the defaults of {@link #DEFAULT}. The client
     * settings (region, credentials, endpoint, retries, timeouts, connections) have the same methods in every AWS
     * adapter's builder.
     */
    public static final class Builder extends AwsClientSettings.AbstractBuilder<Builder> {
        private String tableName = DEFAULT_TABLE_NAME;
        private boolean createTable;
        private @Nullable Long readCapacityUnits;
        private @Nullable Long writeCapacityUnits;
        private @Nullable Duration ttl;
        private FeedMode feedMode = FeedMode.IN_PROCESS;
        /** Null for the default, so that it follows a changed table name. */
        private @Nullable String feedTableName;

        private Builder() {
            maxRetries(DEFAULT_MAX_RETRIES);
        }

        private Builder(DynamoDbConfig config) {
            clientSettings(config.clientSettings);
            tableName = config.tableName;
            createTable = config.createTable;
            readCapacityUnits = config.readCapacityUnits;
            writeCapacityUnits = config.writeCapacityUnits;
            ttl = config.ttl;
            feedMode = config.feedMode;
            feedTableName = config.feedTableName.equals(defaultFeedTableName(config.tableName)) ? null
                    : config.feedTableName;
        }

        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        public Builder readCapacityUnits(@Nullable Long readCapacityUnits) {
            this.readCapacityUnits = readCapacityUnits;
            return this;
        }

        public Builder writeCapacityUnits(@Nullable Long writeCapacityUnits) {
            this.writeCapacityUnits = writeCapacityUnits;
            return this;
        }

        public Builder ttl(@Nullable Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder feedMode(FeedMode feedMode) {
            this.feedMode = feedMode;
            return this;
        }

        /** The feed's table; null (the default) means {@code tableName + "-feed"}. */
        public Builder feedTableName(@Nullable String feedTableName) {
            this.feedTableName = feedTableName;
            return this;
        }

        public DynamoDbConfig build() {
            return new DynamoDbConfig(tableName, createTable, readCapacityUnits, writeCapacityUnits, ttl,
                    buildClientSettings(), feedMode,
                    feedTableName != null || tableName == null ? feedTableName : defaultFeedTableName(tableName));
        }
    }
}
