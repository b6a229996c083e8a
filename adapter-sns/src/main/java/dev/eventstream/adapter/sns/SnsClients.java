package dev.eventstream.adapter.sns;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/** Builds the SNS client a {@link SnsConfig} describes, on the Apache 5 HTTP client. */
final class SnsClients {
    private SnsClients() {}

    static SnsClient create(SnsConfig config) {
        SnsClientBuilder builder = SnsClient.builder()
                .region(Region.of(config.region()))
                // Chosen explicitly: with several HTTP clients on the classpath the SDK would otherwise pick one.
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.socketTimeout())
                        .maxConnections(config.maxConnections()))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(config.maxRetries() + 1)));
        if (config.credentialsProvider() != null) {
            builder.credentialsProvider(config.credentialsProvider());
        }
        if (config.endpointUrl() != null) {
            builder.endpointOverride(config.endpointUrl());
        }
        return builder.build();
    }
}
