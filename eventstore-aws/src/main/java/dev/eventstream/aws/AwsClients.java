package dev.eventstream.aws;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;

/** Applies {@link AwsClientSettings} to the builder of any synchronous SDK client. */
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
     * stays with the SDK's default lookup.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsClientSettings settings) {
        requireNonNull(builder, "builder is null");
        requireNonNull(settings, "settings is null");
        builder.httpClientBuilder(httpClientBuilder(settings));
        return configureAllButHttp(builder, settings);
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
        return configureAllButHttp(builder, settings);
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
            B builder, AwsClientSettings settings) {
        builder.overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(settings.maxRetries() + 1)));
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
