package dev.eventstream.aws;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Applies {@link AwsClientSettings} to the builder of any synchronous SDK client: the one place every client of the
 * AWS adapters is built. With a {@linkplain AwsClientSettings#telemetry() telemetry} it adds a
 * {@link TelemetryInterceptor}, reading each request with the {@link RequestDetails} given, or
 * {@link RequestDetails#standard()}.
 */
public final class AwsClients {
    private AwsClients() {}

    /** The client {@code builder} builds once {@code settings} are applied to it. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(
            B builder, AwsClientSettings settings) {
        return configure(builder, settings).build();
    }

    /**
     * {@code builder} with the endpoint, region, credentials, retries and HTTP options of {@code settings}, for a
     * caller that adds to it (interceptors, metrics) before building. A region or credentials provider left unset
     * stays with the SDK's default lookup. The override configuration is replaced; a caller adding to it afterwards
     * starts from {@code builder.overrideConfiguration().toBuilder()}, since {@code overrideConfiguration(o -> ...)}
     * replaces it whole, the retries and the telemetry's interceptor with it.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsClientSettings settings) {
        return configure(builder, settings, RequestDetails.standard());
    }

    /**
     * {@code builder} as {@link #configure(AwsClientBuilder, AwsClientSettings)} makes it, its requests read with
     * {@code details} for the telemetry: the service's resources and capacity (DynamoDB's tables, say).
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsClientSettings settings, RequestDetails details) {
        requireNonNull(builder, "builder is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(details, "details is null");
        builder.httpClientBuilder(httpClientBuilder(settings));
        return configureAllButHttp(builder, settings, details);
    }

    /**
     * {@code builder} as {@link #configure(AwsClientBuilder, AwsClientSettings)} makes it, but on {@code httpClient}
     * (say, one from {@link #httpClient(AwsClientSettings)} wrapped by the caller). The SDK client does not close
     * an HTTP client given to it: the caller closes it after the SDK client.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsClientSettings settings, SdkHttpClient httpClient) {
        requireNonNull(builder, "builder is null");
        requireNonNull(settings, "settings is null");
        builder.httpClient(requireNonNull(httpClient, "httpClient is null"));
        return configureAllButHttp(builder, settings, RequestDetails.standard());
    }

    /**
     * The HTTP client {@code settings} describe (its type, timeouts, connection pool), for the caller to close.
     *
     * @throws IllegalStateException when the client's SDK artifact is not on the classpath, naming it
     */
    public static SdkHttpClient httpClient(AwsClientSettings settings) {
        return httpClientBuilder(requireNonNull(settings, "settings is null")).build();
    }

    // Chosen explicitly: several HTTP clients can be on the classpath, and the SDK would pick one by classpath
    // order.
    private static SdkHttpClient.Builder<?> httpClientBuilder(AwsClientSettings settings) {
        return HttpClientBuilders.forSettings(settings);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configureAllButHttp(
            B builder, AwsClientSettings settings, RequestDetails details) {
        // A new configuration rather than the builder's own extended: one made by toBuilder() of another holds its
        // execution attributes unmodifiable, and a caller could then put none of its own.
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(r -> r.maxAttempts(settings.maxRetries() + 1));
        if (settings.reportsRequests()) {
            overrides.addExecutionInterceptor(new TelemetryInterceptor(settings.telemetry(), details));
        }
        builder.overrideConfiguration(overrides.build());
        if (settings.endpointUrl() != null) {
            builder.endpointOverride(settings.endpointUrl());
        }
        if (settings.region() != null) {
            builder.region(settings.region());
        }
        if (settings.credentialsProvider() != null) {
            builder.credentialsProvider(settings.credentialsProvider());
        }
        return builder;
    }
}
