package dev.eventstream.adapter.dynamodb;

import dev.eventstream.aws.AwsClients;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Builds the DynamoDB client a {@link DynamoDbConfig} describes. */
final class DynamoDbClients {
    private DynamoDbClients() {}

    /**
     * A client with the config's endpoint, region, credentials, retries, HTTP options and telemetry.
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

    /**
     * The configured builder, for callers that add to it (interceptors, metrics) before building; with the config's
     * telemetry, it reports each request with its tables and consumed capacity ({@link DynamoDbRequestDetails}).
     */
    static DynamoDbClientBuilder builder(DynamoDbConfig config) {
        return AwsClients.configure(DynamoDbClient.builder(), config.clientSettings(),
                DynamoDbRequestDetails.INSTANCE);
    }
}
