package dev.eventstream.aws;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The builder of the HTTP client {@link AwsClientSettings#httpClient()} names, with the settings applied. Each
 * client is built in a class of its own so that only the chosen one is loaded: the others' artifacts may be
 * missing from the classpath.
 */
final class HttpClientBuilders {
    private HttpClientBuilders() {}

    static SdkHttpClient.Builder<?> forSettings(AwsClientSettings settings) {
        HttpClientType type = settings.httpClient();
        try {
            return switch (type) {
                case APACHE5 -> Apache5.builder(settings);
                case URL_CONNECTION -> UrlConnection.builder(settings);
                case CRT -> Crt.builder(settings);
            };
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException("httpClient " + type + " needs " + type.artifact()
                    + " on the classpath (add it as a dependency, its version from the AWS SDK BOM)", missing);
        }
    }

    private static final class Apache5 {
        static SdkHttpClient.Builder<?> builder(AwsClientSettings settings) {
            return Apache5HttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.socketTimeout())
                    .maxConnections(settings.maxConnections());
        }
    }

    private static final class UrlConnection {
        static SdkHttpClient.Builder<?> builder(AwsClientSettings settings) {
            return UrlConnectionHttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.socketTimeout());
        }
    }

    private static final class Crt {
        static SdkHttpClient.Builder<?> builder(AwsClientSettings settings) {
            return AwsCrtHttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .maxConcurrency(settings.maxConnections());
        }
    }
}
