package dev.eventstream.aws;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.telemetry.StoreTelemetry;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How the SDK clients of an AWS adapter reach AWS: region, credentials, endpoint, retries and the HTTP client's
 * timeouts and pool. Every AWS adapter's config carries one ({@link AwsClientConfig}) and {@link AwsClients} applies
 * it to an SDK client builder. Every setting is checked here, and a wrong one is named in the exception.
 *
 * @param region the AWS region; unset means the SDK's default region lookup (environment, profile)
 * @param credentialsProvider the AWS credentials; unset means the SDK's default credentials chain
 * @param endpointUrl where to send requests instead of AWS (an emulator such as LocalStack or moto); unset for AWS
 * @param maxRetries how often the SDK repeats a failed request (throttling, server errors, timeouts) before the
 *     failure is reported, 0 to {@value #MAX_RETRIES_LIMIT}
 * @param connectTimeout how long opening a connection may take, {@link #MIN_TIMEOUT 1 ms} to
 *     {@link #MAX_TIMEOUT 1 hour}
 * @param socketTimeout how long a client waits for data on an open connection, 1 ms to 1 hour
 * @param maxConnections the most HTTP connections a client keeps open at once
 * @param httpClient the HTTP client the SDK clients send requests with: {@link HttpClientType#APACHE5} by default,
 *     {@link HttpClientType#URL_CONNECTION} for the shortest cold start on AWS Lambda
 * @param telemetry where the clients report each request they made (service, operation, attempts, outcome,
 *     throttling, DynamoDB's consumed capacity) through a {@link TelemetryInterceptor};
 *     {@link StoreTelemetry#none()} by default, which adds no interceptor. Two settings are equal only with the
 *     same telemetry, as it decides what the clients do
 */
public record AwsClientSettings(
        @Nullable Region region,
        @Nullable AwsCredentialsProvider credentialsProvider,
        @Nullable URI endpointUrl,
        int maxRetries,
        Duration connectTimeout,
        Duration socketTimeout,
        int maxConnections,
        HttpClientType httpClient,
        StoreTelemetry telemetry) {

    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]+");

    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final int MAX_RETRIES_LIMIT = 20;
    // The HTTP client's own defaults, stated so that they are part of the settings and can be tested.
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 50;
    /**
     * The shortest timeout: the HTTP client counts in whole milliseconds, and a timeout that rounds down to 0 would
     * mean waiting forever.
     */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
    /**
     * The longest timeout. No AWS request of these adapters waits that long for a byte, and the bound keeps the
     * HTTP client's arithmetic in milliseconds far from overflowing.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** Region and credentials from the SDK's default lookup, AWS's endpoints, 2 retries, the HTTP defaults. */
    public static final AwsClientSettings DEFAULT = builder().build();

    public AwsClientSettings {
        if (region != null) {
            requireRegionName(region.id());
        }
        if (endpointUrl != null) {
            String scheme = endpointUrl.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            require(web && endpointUrl.getHost() != null, "endpointUrl must be an absolute http or https URL with"
                    + " a host, such as http://localhost:4566, was '" + endpointUrl + "'");
        }
        require(maxRetries >= 0 && maxRetries <= MAX_RETRIES_LIMIT,
                "maxRetries must be between 0 and " + MAX_RETRIES_LIMIT + ", was " + maxRetries);
        requireTimeout(connectTimeout, "connectTimeout");
        requireTimeout(socketTimeout, "socketTimeout");
        require(maxConnections >= 1, "maxConnections must be at least 1, was " + maxConnections);
        requireNonNull(httpClient, "httpClient is null");
        requireNonNull(telemetry, "telemetry is null");
    }

    /** Settings without telemetry ({@link StoreTelemetry#none()}), as before the setting existed. */
    public AwsClientSettings(@Nullable Region region, @Nullable AwsCredentialsProvider credentialsProvider,
            @Nullable URI endpointUrl, int maxRetries, Duration connectTimeout, Duration socketTimeout,
            int maxConnections, HttpClientType httpClient) {
        this(region, credentialsProvider, endpointUrl, maxRetries, connectTimeout, socketTimeout, maxConnections,
                httpClient, StoreTelemetry.none());
    }

    /** Whether the clients report their requests: {@link #telemetry()} is not {@link StoreTelemetry#none()}. */
    boolean reportsRequests() {
        return telemetry != StoreTelemetry.none();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return builder().clientSettings(this);
    }

    public AwsClientSettings withRegion(@Nullable Region region) {
        return toBuilder().region(region).build();
    }

    private static String requireRegionName(String name) {
        require(REGION_NAME.matcher(name).matches(),
                "region must be a region name such as us-east-1, was '" + name + "'");
        return name;
    }

    private static void requireTimeout(Duration value, String setting) {
        requireNonNull(value, setting + " is null");
        require(value.compareTo(MIN_TIMEOUT) >= 0 && value.compareTo(MAX_TIMEOUT) <= 0,
                setting + " must be from 1 ms to 1 hour, was " + value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds {@link AwsClientSettings}; {@link #build()} checks every setting. Starts from {@link #DEFAULT}. */
    public static final class Builder extends AbstractBuilder<Builder> {
        private Builder() {}

        public AwsClientSettings build() {
            return buildClientSettings();
        }
    }

    /**
     * The client settings' builder methods, for the builder of an adapter's config to inherit, so that every AWS
     * adapter is configured with the same methods. Starts from the values of {@link #DEFAULT}.
     *
     * @param <B> the builder itself, returned by every method so calls chain
     */
    public abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {
        private @Nullable Region region;
        private @Nullable AwsCredentialsProvider credentialsProvider;
        private @Nullable URI endpointUrl;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private HttpClientType httpClient = HttpClientType.APACHE5;
        private StoreTelemetry telemetry = StoreTelemetry.none();

        protected AbstractBuilder() {}

        /** {@code null} (the default) leaves the region to the SDK's lookup, or to the config that owns it. */
        public B region(@Nullable Region region) {
            this.region = region;
            return self();
        }

        /** The region by name, such as {@code us-east-1}; {@code null} as for {@link #region(Region)}. */
        public B region(@Nullable String region) {
            return region(region == null ? null : Region.of(requireRegionName(region)));
        }

        /** {@code null} (the default) uses the SDK's default credentials chain. */
        public B credentialsProvider(@Nullable AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return self();
        }

        /** {@code null} (the default) talks to AWS. */
        public B endpointUrl(@Nullable URI endpointUrl) {
            this.endpointUrl = endpointUrl;
            return self();
        }

        /** The endpoint as text, such as {@code http://localhost:4566}; {@code null} or blank means AWS. */
        public B endpointUrl(@Nullable String endpointUrl) {
            if (endpointUrl == null || endpointUrl.isBlank()) {
                return endpointUrl((URI) null);
            }
            try {
                return endpointUrl(URI.create(endpointUrl.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("endpointUrl is not a valid URL: '" + endpointUrl + "'", e);
            }
        }

        public B maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return self();
        }

        public B connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return self();
        }

        public B socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return self();
        }

        public B maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return self();
        }

        /** The HTTP client to send requests with; {@link HttpClientType#APACHE5} unless set. */
        public B httpClient(HttpClientType httpClient) {
            this.httpClient = httpClient;
            return self();
        }

        /**
         * Where the clients report the requests they make; {@link StoreTelemetry#none()} (the default) reports
         * nothing. Give the store the same telemetry, so that the requests join its operations.
         */
        public B telemetry(StoreTelemetry telemetry) {
            this.telemetry = telemetry;
            return self();
        }

        /** Every client setting at once, e.g. the settings that another adapter's config uses. */
        public B clientSettings(AwsClientSettings settings) {
            requireNonNull(settings, "settings is null");
            return region(settings.region)
                    .credentialsProvider(settings.credentialsProvider)
                    .endpointUrl(settings.endpointUrl)
                    .maxRetries(settings.maxRetries)
                    .connectTimeout(settings.connectTimeout)
                    .socketTimeout(settings.socketTimeout)
                    .maxConnections(settings.maxConnections)
                    .httpClient(settings.httpClient)
                    .telemetry(settings.telemetry);
        }

        /** The client settings given so far, checked. */
        protected final AwsClientSettings buildClientSettings() {
            return new AwsClientSettings(region, credentialsProvider, endpointUrl, maxRetries, connectTimeout,
                    socketTimeout, maxConnections, httpClient, telemetry);
        }

        @SuppressWarnings("unchecked") // B is the subclass by the class's contract: X extends AbstractBuilder<X>
        private B self() {
            return (B) this;
        }
    }
}
