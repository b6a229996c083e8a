package dev.eventstream.adapter.dynamodb;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Builds the DynamoDB client a {@link DynamoDbConfig} describes. */
final class DynamoDbClients {
    private DynamoDbClients() {}

    /**
     * A client with the config's endpoint, region, credentials, retries and HTTP options.
     *
     * @throws IllegalStateException when the SDK cannot complete the client, e.g. no region is configured or found
     */
    static DynamoDbClient create(DynamoDbConfig config) {
        try {
            return builder(config).build();
        } catch (SdkClientException e) {
            throw new IllegalStateException("cannot build the DynamoDB client: " + e.getMessage()
                    + " (set region and credentialsProvider in DynamoDbConfig to not depend on the environment)", e);
        }
    }

    /** The configured builder, for callers that add to it (interceptors, metrics) before building. */
    static DynamoDbClientBuilder builder(DynamoDbConfig config) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                // Chosen explicitly: several HTTP clients can be on the classpath, and the SDK would pick one by
                // classpath order. Apache 5 is the synchronous client the SDK maintains going forward.
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.socketTimeout())
                        .maxConnections(config.maxConnections()))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(config.maxRetries() + 1)));
        if (config.endpointUrl() != null) {
            builder.endpointOverride(config.endpointUrl());
        }
        if (config.region() != null) {
            builder.region(config.region());
        }
        if (config.credentialsProvider() != null) {
            builder.credentialsProvider(config.credentialsProvider());
        }
        return builder;
    }
}
