package dev.eventstream.aws;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

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
        // Chosen explicitly: several HTTP clients can be on the classpath, and the SDK would pick one by classpath
        // order. Apache 5 is the synchronous client the SDK maintains going forward.
        builder.httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.socketTimeout())
                        .maxConnections(settings.maxConnections()))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(settings.maxRetries() + 1)));
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
