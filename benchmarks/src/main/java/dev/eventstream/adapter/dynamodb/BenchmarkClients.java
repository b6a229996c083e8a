package dev.eventstream.adapter.dynamodb;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The client a {@link DynamoDbConfig} makes the persistence build for itself, with one interceptor added that
 * counts its requests. Lives in the adapter's package, inside the benchmarks module, because the adapter builds
 * that client with a package-private factory; nothing here is part of the adapter.
 */
public final class BenchmarkClients {
    private BenchmarkClients() {}

    /** The client {@code new DynamoDbEventPersistence(config)} would build and own, plus {@code interceptor}. */
    public static DynamoDbClient libraryClient(DynamoDbConfig config, ExecutionInterceptor interceptor) {
        DynamoDbClientBuilder builder = DynamoDbClients.builder(config);
        // Added to the config's override configuration, not in place of it (its retry strategy stays).
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                        .addExecutionInterceptor(interceptor)
                        .build())
                .build();
    }
}
