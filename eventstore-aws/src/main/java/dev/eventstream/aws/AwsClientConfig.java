package dev.eventstream.aws;

import dev.eventstream.core.telemetry.StoreTelemetry;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The config of an AWS adapter, whose clients follow its {@link #clientSettings()}: the client settings read as
 * settings of the config itself, e.g. {@code config.maxRetries()}.
 */
public interface AwsClientConfig {
    AwsClientSettings clientSettings();

    /** @see AwsClientSettings#region() */
    default @Nullable Region region() {
        return clientSettings().region();
    }

    /** @see AwsClientSettings#credentialsProvider() */
    default @Nullable AwsCredentialsProvider credentialsProvider() {
        return clientSettings().credentialsProvider();
    }

    /** @see AwsClientSettings#endpointUrl() */
    default @Nullable URI endpointUrl() {
        return clientSettings().endpointUrl();
    }

    /** @see AwsClientSettings#maxRetries() */
    default int maxRetries() {
        return clientSettings().maxRetries();
    }

    /** @see AwsClientSettings#connectTimeout() */
    default Duration connectTimeout() {
        return clientSettings().connectTimeout();
    }

    /** @see AwsClientSettings#socketTimeout() */
    default Duration socketTimeout() {
        return clientSettings().socketTimeout();
    }

    /** @see AwsClientSettings#maxConnections() */
    default int maxConnections() {
        return clientSettings().maxConnections();
    }

    /** @see AwsClientSettings#httpClient() */
    default HttpClientType httpClient() {
        return clientSettings().httpClient();
    }

    /** @see AwsClientSettings#telemetry() */
    default StoreTelemetry telemetry() {
        return clientSettings().telemetry();
    }
}
