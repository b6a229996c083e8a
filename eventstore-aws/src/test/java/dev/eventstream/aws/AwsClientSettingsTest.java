package dev.eventstream.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.testkit.RecordingTelemetry;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsClientSettingsTest {

    @Test
    void defaultsLeaveRegionCredentialsAndEndpointToTheSdkWithTwoRetriesAndTheHttpClientsDefaults() {
        AwsClientSettings settings = AwsClientSettings.DEFAULT;

        assertThat(settings.region()).isNull();
        assertThat(settings.credentialsProvider()).isNull();
        assertThat(settings.endpointUrl()).isNull();
        assertThat(settings.maxRetries()).isEqualTo(2);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.socketTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxConnections()).isEqualTo(50);
        assertThat(settings.httpClient()).isEqualTo(HttpClientType.APACHE5);
        assertThat(settings.telemetry()).isSameAs(StoreTelemetry.none());
        assertThat(AwsClientSettings.builder().build()).isEqualTo(settings);
    }

    @Test
    void everySettingIsKeptAndSurvivesToBuilder() {
        // given
        AnonymousCredentialsProvider credentials = AnonymousCredentialsProvider.create();
        RecordingTelemetry telemetry = new RecordingTelemetry();

        // when
        AwsClientSettings settings = AwsClientSettings.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(credentials)
                .endpointUrl(URI.create("http://127.0.0.1:4566"))
                .maxRetries(20)
                .connectTimeout(Duration.ofMillis(500))
                .socketTimeout(Duration.ofSeconds(5))
                .maxConnections(3)
                .httpClient(HttpClientType.URL_CONNECTION)
                .telemetry(telemetry)
                .build();

        // then
        assertThat(settings.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(settings.credentialsProvider()).isSameAs(credentials);
        assertThat(settings.endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.maxRetries()).isEqualTo(20);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.socketTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxConnections()).isEqualTo(3);
        assertThat(settings.httpClient()).isEqualTo(HttpClientType.URL_CONNECTION);
        assertThat(settings.telemetry()).isSameAs(telemetry);
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        assertThat(AwsClientSettings.builder().clientSettings(settings).build()).isEqualTo(settings);
        assertThat(settings.withRegion(null).region()).isNull();
        assertThat(settings.withRegion(null).telemetry()).isSameAs(telemetry);
    }

    @Test
    void regionCanBeGivenByName() {
        assertThat(AwsClientSettings.builder().region("eu-central-1").build().region()).isEqualTo(Region.EU_CENTRAL_1);
        assertThat(AwsClientSettings.builder().region("eu-central-1").region((String) null).build().region()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "EU-WEST-1", "eu west 1"})
    void regionThatIsNoRegionNameIsRejected(String name) {
        assertRejected(b -> b.region(name), "region must be a region name such as us-east-1, was '" + name + "'");
    }

    @Test
    void regionMadeElsewhereIsCheckedToo() {
        assertRejected(b -> b.region(Region.of("Eu_West")), "region must be a region name such as us-east-1,"
                + " was 'Eu_West'");
    }

    @Test
    void endpointUrlCanBeGivenAsTextAndBlankMeansAws() {
        assertThat(AwsClientSettings.builder().endpointUrl(" http://127.0.0.1:4566 ").build().endpointUrl())
                .isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(AwsClientSettings.builder().endpointUrl("  ").build().endpointUrl()).isNull();
        assertThat(AwsClientSettings.builder().endpointUrl("http://a").endpointUrl((String) null).build().endpointUrl())
                .isNull();
        assertThat(AwsClientSettings.builder().endpointUrl("HTTPS://localhost").build().endpointUrl())
                .isEqualTo(URI.create("HTTPS://localhost"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:4566", "ftp://localhost:4566", "/relative/path", "http:///no-host"})
    void endpointUrlThatIsNotAnAbsoluteHttpUrlIsRejected(String url) {
        assertRejected(b -> b.endpointUrl(URI.create(url)), "endpointUrl must be an absolute http or https URL with"
                + " a host, such as http://localhost:4566, was '" + url + "'");
    }

    @Test
    void endpointUrlTextThatIsNoUrlIsRejected() {
        assertThatThrownBy(() -> AwsClientSettings.builder().endpointUrl("http://bad host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpointUrl is not a valid URL: 'http://bad host'");
    }

    @Test
    void maxRetriesMustBeBetweenZeroAndTwenty() {
        assertRejected(b -> b.maxRetries(-1), "maxRetries must be between 0 and 20, was -1");
        assertRejected(b -> b.maxRetries(21), "maxRetries must be between 0 and 20, was 21");
        assertThat(AwsClientSettings.builder().maxRetries(0).build().maxRetries()).isZero();
    }

    /**
     * Out of range for either timeout: nothing or less (the HTTP client would wait forever, or fail), under 1 ms
     * (rounds to 0, which the HTTP client takes as no timeout), over an hour, and so long that turning it into
     * milliseconds overflows.
     */
    static Stream<Duration> timeoutsOutOfRange() {
        return Stream.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(999_999),
                Duration.ofHours(1).plusNanos(1), Duration.ofSeconds(Long.MAX_VALUE), ChronoUnit.FOREVER.getDuration());
    }

    @ParameterizedTest
    @MethodSource("timeoutsOutOfRange")
    void connectTimeoutOutsideOneMillisecondToOneHourIsRejected(Duration timeout) {
        assertRejected(b -> b.connectTimeout(timeout), "connectTimeout must be from 1 ms to 1 hour, was " + timeout);
    }

    @ParameterizedTest
    @MethodSource("timeoutsOutOfRange")
    void socketTimeoutOutsideOneMillisecondToOneHourIsRejected(Duration timeout) {
        assertRejected(b -> b.socketTimeout(timeout), "socketTimeout must be from 1 ms to 1 hour, was " + timeout);
    }

    @Test
    void timeoutsAtBothEndsOfTheRangeAreKept() {
        AwsClientSettings shortest = AwsClientSettings.builder()
                .connectTimeout(Duration.ofMillis(1))
                .socketTimeout(Duration.ofMillis(1))
                .build();
        AwsClientSettings longest = AwsClientSettings.builder()
                .connectTimeout(Duration.ofHours(1))
                .socketTimeout(Duration.ofHours(1))
                .build();

        assertThat(shortest.connectTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(shortest.socketTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(longest.connectTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(longest.socketTimeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void timeoutsMustBeGiven() {
        assertThatThrownBy(() -> AwsClientSettings.builder().connectTimeout(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("connectTimeout is null");
        assertThatThrownBy(() -> AwsClientSettings.builder().socketTimeout(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("socketTimeout is null");
    }

    @Test
    void httpClientIsRequired() {
        assertThatThrownBy(() -> AwsClientSettings.builder().httpClient(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("httpClient is null");
    }

    @Test
    void settingsWithAnotherTelemetryAreOtherSettings() {
        // given
        AwsClientSettings base = AwsClientSettings.builder().region("eu-west-1").build();
        RecordingTelemetry telemetry = new RecordingTelemetry();

        // when
        AwsClientSettings reporting = base.toBuilder().telemetry(telemetry).build();

        // then
        assertThat(reporting).isNotEqualTo(base).isEqualTo(base.toBuilder().telemetry(telemetry).build());
        assertThat(reporting.toBuilder().telemetry(StoreTelemetry.none()).build()).isEqualTo(base);
        assertThat(reporting.toBuilder().telemetry(new RecordingTelemetry()).build()).isNotEqualTo(reporting);
    }

    @Test
    void telemetryIsRequired() {
        assertThatThrownBy(() -> AwsClientSettings.builder().telemetry(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("telemetry is null");
    }

    @Test
    void maxConnectionsBelowOneAreRejected() {
        assertRejected(b -> b.maxConnections(0), "maxConnections must be at least 1, was 0");
    }

    private static void assertRejected(UnaryOperator<AwsClientSettings.Builder> setting, String message) {
        assertThatThrownBy(() -> setting.apply(AwsClientSettings.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
