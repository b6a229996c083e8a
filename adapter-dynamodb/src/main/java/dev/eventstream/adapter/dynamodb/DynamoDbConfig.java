package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

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
 * @param endpointUrl where to send requests instead of AWS (LocalStack, moto); unset for AWS
 * @param maxRetries how often the SDK retries a failed request (throttling, server errors, timeouts) before the
 *     store reports {@link dev.eventstream.api.EventStoreUnavailableException}
 * @param connectTimeout how long to wait for a connection
 * @param socketTimeout how long to wait for data on an open connection
 * @param maxConnections most HTTP connections open at once
 * @param ttl when set, each event expires this long after its commit: it gets an expiry attribute
 *     ({@code commitTimestamp + ttl} in epoch seconds) and a table the store creates has TTL enabled on it
 * @param region the AWS region; unset means the SDK's default region lookup (environment, profile)
 * @param credentialsProvider the AWS credentials; unset means the SDK's default credentials chain
 */
public record DynamoDbConfig(
        String tableName,
        boolean createTable,
        @Nullable Long readCapacityUnits,
        @Nullable Long writeCapacityUnits,
        @Nullable URI endpointUrl,
        int maxRetries,
        Duration connectTimeout,
        Duration socketTimeout,
        int maxConnections,
        @Nullable Duration ttl,
        @Nullable Region region,
        @Nullable AwsCredentialsProvider credentialsProvider) {

    // DynamoDB's own naming rule for tables.
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    public static final String DEFAULT_TABLE_NAME = "events";
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 50;

    /**
     * Table {@code events}, not created by the store, on-demand billing, AWS endpoint, 3 retries, SDK default
     * timeouts and connection pool, no TTL, region and credentials from the SDK's default lookup.
     */
    public static final DynamoDbConfig DEFAULT = builder().build();

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
        if (endpointUrl != null) {
            String scheme = endpointUrl.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            require(web && endpointUrl.getHost() != null,
                    "endpointUrl must be an absolute http or https URL such as http://localhost:4566, was '"
                            + endpointUrl + "'");
        }
        require(maxRetries >= 0, "maxRetries must not be negative, was " + maxRetries);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(socketTimeout, "socketTimeout");
        require(maxConnections >= 1, "maxConnections must be at least 1, was " + maxConnections);
        if (ttl != null) {
            require(ttl.compareTo(Duration.ofSeconds(1)) >= 0,
                    "ttl must be at least 1 second (DynamoDB expires items by epoch seconds), was " + ttl);
        }
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

    private static void requirePositive(@Nullable Long value, String setting) {
        require(value == null || value >= 1, setting + " must be at least 1 when set, was " + value);
    }

    private static void requirePositive(Duration value, String setting) {
        requireNonNull(value, setting + " is null");
        require(!value.isNegative() && !value.isZero(), setting + " must be positive, was " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Collects settings; {@link #build()} checks them. Starts from the defaults of {@link #DEFAULT}. */
    public static final class Builder {
        private String tableName = DEFAULT_TABLE_NAME;
        private boolean createTable;
        private @Nullable Long readCapacityUnits;
        private @Nullable Long writeCapacityUnits;
        private @Nullable URI endpointUrl;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private @Nullable Duration ttl;
        private @Nullable Region region;
        private @Nullable AwsCredentialsProvider credentialsProvider;

        private Builder() {}

        private Builder(DynamoDbConfig config) {
            tableName = config.tableName;
            createTable = config.createTable;
            readCapacityUnits = config.readCapacityUnits;
            writeCapacityUnits = config.writeCapacityUnits;
            endpointUrl = config.endpointUrl;
            maxRetries = config.maxRetries;
            connectTimeout = config.connectTimeout;
            socketTimeout = config.socketTimeout;
            maxConnections = config.maxConnections;
            ttl = config.ttl;
            region = config.region;
            credentialsProvider = config.credentialsProvider;
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

        public Builder endpointUrl(@Nullable URI endpointUrl) {
            this.endpointUrl = endpointUrl;
            return this;
        }

        /** The endpoint as text, e.g. {@code http://localhost:4566}; null or blank means AWS. */
        public Builder endpointUrl(@Nullable String endpointUrl) {
            if (endpointUrl == null || endpointUrl.isBlank()) {
                this.endpointUrl = null;
                return this;
            }
            try {
                this.endpointUrl = URI.create(endpointUrl.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("endpointUrl is not a valid URL: '" + endpointUrl + "'", e);
            }
            return this;
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

        public Builder ttl(@Nullable Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder region(@Nullable Region region) {
            this.region = region;
            return this;
        }

        public Builder credentialsProvider(@Nullable AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        public DynamoDbConfig build() {
            return new DynamoDbConfig(tableName, createTable, readCapacityUnits, writeCapacityUnits, endpointUrl,
                    maxRetries, connectTimeout, socketTimeout, maxConnections, ttl, region, credentialsProvider);
        }
    }
}
