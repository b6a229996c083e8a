package dev.eventstream.aws.testing;

import dev.eventstream.aws.AwsClientSettings;
import dev.eventstream.aws.AwsClients;
import dev.eventstream.aws.testing.iam.TestOnlyClients;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Clients and client settings for an AWS emulator (moto, LocalStack) in tests. Region and credentials are always
 * given, so the SDK never looks for them in the environment of the test run.
 */
public final class EmulatorClients {
    public static final Region REGION = Region.US_EAST_1;
    /** Emulators accept any credentials. */
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private EmulatorClients() {}

    /** Client settings for the emulator at {@code endpoint}, in {@link #REGION} with {@link #CREDENTIALS}. */
    public static AwsClientSettings settings(URI endpoint) {
        return AwsClientSettings.builder()
                .endpointUrl(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    /**
     * A client of the emulator at {@code endpoint} for a test's own setup and checks, e.g.
     * {@code client(SqsClient.builder(), endpoint)}: marked with {@link TestOnlyClients}, so that what the test
     * itself sends on it is not held to an adapter's IAM policy. An adapter under test builds its client from
     * {@link #settings(URI)}.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, URI endpoint) {
        return TestOnlyClients.mark(AwsClients.configure(builder, settings(endpoint))).build();
    }
}
