package dev.eventstream.adapter.sqs;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the SQS and SNS clients a {@link SqsConfig} describes, on the Apache 5 HTTP client. */
final class SqsClients {
    private SqsClients() {}

    static SqsClient sqs(SqsConfig config) {
        return configure(SqsClient.builder(), config).build();
    }

    static SnsClient sns(SqsConfig config) {
        return configure(SnsClient.builder(), config).build();
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, SqsConfig config) {
        builder.region(Region.of(config.region()))
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
        return builder;
    }
}
