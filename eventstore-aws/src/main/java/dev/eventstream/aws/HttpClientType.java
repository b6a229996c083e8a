package dev.eventstream.aws;

/**
 * The HTTP client an adapter's SDK clients send their requests with. Chosen explicitly, never by the SDK's scan of
 * the classpath, so that the client in use is the one configured and tested.
 *
 * <p>Each needs its SDK artifact on the classpath: {@link #APACHE5} comes with {@code eventstore-aws}; the others are
 * optional dependencies that an application adds (and may then exclude {@code apache5-client}).
 */
public enum HttpClientType {
    /**
     * Apache HttpClient 5 ({@code software.amazon.awssdk:apache5-client}), the default: a pooled client with every
     * setting of {@link AwsClientSettings} applied, for long-running services.
     */
    APACHE5("software.amazon.awssdk:apache5-client"),
    /**
     * The JDK's {@code HttpURLConnection} ({@code software.amazon.awssdk:url-connection-client}): the fewest classes
     * to load, so the shortest cold start, for AWS Lambda. It keeps no pool of its own beyond the JDK's keep-alive
     * cache, so {@link AwsClientSettings#maxConnections()} does not apply.
     */
    URL_CONNECTION("software.amazon.awssdk:url-connection-client"),
    /**
     * The AWS Common Runtime's client ({@code software.amazon.awssdk:aws-crt-client}): native code, fast once
     * loaded, with a native library to extract at start. {@link AwsClientSettings#socketTimeout()} does not apply
     * (the CRT has no read timeout); the connect timeout and {@code maxConnections} (as its maximum concurrency) do.
     */
    CRT("software.amazon.awssdk:aws-crt-client");

    private final String artifact;

    HttpClientType(String artifact) {
        this.artifact = artifact;
    }

    /** The Maven coordinates ({@code groupId:artifactId}) of the SDK artifact this client needs. */
    public String artifact() {
        return artifact;
    }
}
