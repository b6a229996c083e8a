package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.aws.testing.EmulatorClients;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

class DynamoDbConfigTest {

    @Test
    void defaultsAreTheSeedsTableOnDemandWithSdkTimeoutsAndNothingFromTheEnvironmentForced() {
        DynamoDbConfig config = DynamoDbConfig.DEFAULT;

        assertThat(config.tableName()).isEqualTo("events");
        assertThat(config.createTable()).isFalse();
        assertThat(config.readCapacityUnits()).isNull();
        assertThat(config.writeCapacityUnits()).isNull();
        assertThat(config.onDemand()).isTrue();
        assertThat(config.endpointUrl()).isNull();
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxConnections()).isEqualTo(50);
        assertThat(config.ttl()).isNull();
        assertThat(config.region()).isNull();
        assertThat(config.credentialsProvider()).isNull();
        assertThat(DynamoDbConfig.builder().build()).isEqualTo(config);
    }

    @Test
    void withersChangeOneSettingAndKeepTheOthers() {
        // given
        DynamoDbConfig base = DynamoDbConfig.DEFAULT.withTableName("orders-events").withCreateTable(true);

        // when
        DynamoDbConfig changed = base
                .withCapacityUnits(5, 10)
                .withEndpointUrl(URI.create("http://localhost:4566"))
                .withMaxRetries(0)
                .withConnectTimeout(Duration.ofMillis(500))
                .withSocketTimeout(Duration.ofSeconds(5))
                .withMaxConnections(8)
                .withTtl(Duration.ofDays(30))
                .withRegion(Region.EU_WEST_1)
                .withCredentialsProvider(EmulatorClients.CREDENTIALS);

        // then
        assertThat(changed.tableName()).isEqualTo("orders-events");
        assertThat(changed.createTable()).isTrue();
        assertThat(changed.readCapacityUnits()).isEqualTo(5);
        assertThat(changed.writeCapacityUnits()).isEqualTo(10);
        assertThat(changed.onDemand()).isFalse();
        assertThat(changed.endpointUrl()).isEqualTo(URI.create("http://localhost:4566"));
        assertThat(changed.maxRetries()).isZero();
        assertThat(changed.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(changed.socketTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.maxConnections()).isEqualTo(8);
        assertThat(changed.ttl()).isEqualTo(Duration.ofDays(30));
        assertThat(changed.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(changed.credentialsProvider()).isSameAs(EmulatorClients.CREDENTIALS);
        assertThat(changed.withOnDemandBilling().onDemand()).isTrue();
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
    }

    @Test
    void endpointUrlCanBeGivenAsTextAndBlankMeansAws() {
        assertThat(DynamoDbConfig.builder().endpointUrl(" http://127.0.0.1:4566 ").build().endpointUrl())
                .isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(DynamoDbConfig.builder().endpointUrl("  ").build().endpointUrl()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "slash/name", "ümlaut"})
    void tableNameOutsideDynamoDbsRuleIsRejected(String name) {
        assertRejected(b -> b.tableName(name), "tableName must be 3 to 255 characters");
    }

    @Test
    void tableNameLongerThan255IsRejectedAndNullIsNamed() {
        assertRejected(b -> b.tableName("t".repeat(256)), "tableName must be 3 to 255 characters");
        assertThatThrownBy(() -> DynamoDbConfig.builder().tableName(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tableName is null");
    }

    @Test
    void capacityUnitsBelowOneAreRejected() {
        assertRejected(b -> b.readCapacityUnits(0L).writeCapacityUnits(1L), "readCapacityUnits must be at least 1");
        assertRejected(b -> b.readCapacityUnits(1L).writeCapacityUnits(-3L), "writeCapacityUnits must be at least 1");
    }

    @Test
    void oneCapacitySetWithoutTheOtherIsRejectedSayingWhichIsSet() {
        assertRejected(b -> b.readCapacityUnits(5L),
                "readCapacityUnits and writeCapacityUnits must be set together (neither means on-demand billing),"
                        + " but only readCapacityUnits is set");
        assertRejected(b -> b.writeCapacityUnits(5L),
                "readCapacityUnits and writeCapacityUnits must be set together (neither means on-demand billing),"
                        + " but only writeCapacityUnits is set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:4566", "ftp://localhost:4566", "/relative/path", "http:///no-host"})
    void endpointUrlThatIsNotAnAbsoluteHttpUrlIsRejected(String url) {
        assertRejected(b -> b.endpointUrl(URI.create(url)), "endpointUrl must be an absolute http or https URL");
    }

    @Test
    void endpointUrlTextThatIsNoUrlIsRejected() {
        assertThatThrownBy(() -> DynamoDbConfig.builder().endpointUrl("http://bad host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("endpointUrl is not a valid URL");
    }

    @Test
    void maxRetriesOutsideZeroToTwentyAreRejected() {
        assertRejected(b -> b.maxRetries(-1), "maxRetries must be between 0 and 20, was -1");
        assertRejected(b -> b.maxRetries(21), "maxRetries must be between 0 and 20, was 21");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S", "PT0.000999S", "PT1H0.001S", "PT2562047788015215H30M7S"})
    void connectTimeoutOutsideOneMillisecondToOneHourIsRejected(Duration timeout) {
        assertRejected(b -> b.connectTimeout(timeout), "connectTimeout must be from 1 ms to 1 hour, was " + timeout);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S", "PT0.000999S", "PT1H0.001S", "PT2562047788015215H30M7S"})
    void socketTimeoutOutsideOneMillisecondToOneHourIsRejected(Duration timeout) {
        assertRejected(b -> b.socketTimeout(timeout), "socketTimeout must be from 1 ms to 1 hour, was " + timeout);
    }

    @Test
    void timeoutsMustBeGiven() {
        assertThatThrownBy(() -> DynamoDbConfig.builder().socketTimeout(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("socketTimeout is null");
    }

    @Test
    void maxConnectionsBelowOneAreRejected() {
        assertRejected(b -> b.maxConnections(0), "maxConnections must be at least 1, was 0");
    }

    @Test
    void ttlShorterThanOneSecondIsRejected() {
        assertRejected(b -> b.ttl(Duration.ofMillis(500)), "ttl must be from 1 second to 36500 days");
        assertRejected(b -> b.ttl(Duration.ZERO), "ttl must be from 1 second to 36500 days");
        assertRejected(b -> b.ttl(Duration.ofSeconds(-5)), "ttl must be from 1 second to 36500 days");
    }

    @Test
    void ttlBeyondAHundredYearsIsRejectedPointingToNoTtlForKeepingEventsForever() {
        for (Duration ttl : List.of(Duration.ofDays(36_500).plusSeconds(1), Duration.ofSeconds(Long.MAX_VALUE),
                ChronoUnit.FOREVER.getDuration())) {
            assertRejected(b -> b.ttl(ttl), "ttl must be from 1 second to 36500 days (100 years; leave it unset to"
                    + " keep events forever), was " + ttl);
        }
    }

    @Test
    void theLongestTtlGivesAnExpiryEvenForACommitFarInTheFuture() {
        // given
        DynamoDbConfig config = DynamoDbConfig.builder().ttl(Duration.ofDays(36_500)).build();

        // when
        Long expiry = EventItem.expiry(Instant.parse("9999-12-31T23:59:59.5Z"), config.ttl());

        // then
        assertThat(expiry).isEqualTo(Instant.parse("9999-12-31T23:59:59Z").plus(Duration.ofDays(36_500))
                .getEpochSecond() + 1);
    }

    @Test
    void theFeedIsOnAndIndexedInProcessByDefault_andItsTableIsNamedAfterTheEventsTable() {
        assertThat(DynamoDbConfig.DEFAULT.feedMode()).isEqualTo(DynamoDbConfig.FeedMode.IN_PROCESS);
        assertThat(DynamoDbConfig.DEFAULT.feedEnabled()).isTrue();
        assertThat(DynamoDbConfig.DEFAULT.feedTableName()).isEqualTo("events-feed");
    }

    @Test
    void theDefaultFeedTableNameFollowsAChangedTableNameButAGivenOneStays() {
        // given
        DynamoDbConfig derived = DynamoDbConfig.DEFAULT.withFeedMode(DynamoDbConfig.FeedMode.EXTERNAL);
        DynamoDbConfig given = derived.withFeedTableName("orders-feed-table");

        // when / then
        assertThat(derived.withTableName("orders").feedTableName()).isEqualTo("orders-feed");
        assertThat(given.withTableName("orders").feedTableName()).isEqualTo("orders-feed-table");
        assertThat(given.withFeedTableName(null).feedTableName()).isEqualTo("events-feed");
        assertThat(derived.feedEnabled()).isTrue();
        assertThat(derived.withFeedMode(DynamoDbConfig.FeedMode.EXTERNAL).feedEnabled()).isTrue();
        assertThat(given.toBuilder().build()).isEqualTo(given);
    }

    @Test
    void theConstructorOfTheSettingsWithoutAFeedStillBuildsThem() {
        DynamoDbConfig config = new DynamoDbConfig("orders", true, null, null, null,
                DynamoDbConfig.DEFAULT.clientSettings());

        assertThat(config.feedMode()).isEqualTo(DynamoDbConfig.FeedMode.OFF);
        assertThat(config.feedTableName()).isEqualTo("orders-feed");
        assertThat(config).isEqualTo(DynamoDbConfig.DEFAULT.withTableName("orders").withCreateTable(true)
                .withFeedMode(DynamoDbConfig.FeedMode.OFF));
    }

    @Test
    void feedTableNameOutsideDynamoDbsRuleIsRejectedWhenTheFeedIsOn() {
        assertRejected(b -> b.feedMode(DynamoDbConfig.FeedMode.EXTERNAL).feedTableName("has space"),
                "feedTableName must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.', was 'has space'");
        assertThat(DynamoDbConfig.builder().feedMode(DynamoDbConfig.FeedMode.OFF).feedTableName("has space").build()
                .feedEnabled()).isFalse();
    }

    @Test
    void aDefaultFeedTableNameTooLongForDynamoDbIsRejectedSayingToSetOne() {
        assertRejected(b -> b.feedMode(DynamoDbConfig.FeedMode.IN_PROCESS).tableName("t".repeat(252)),
                "feedTableName must be 3 to 255 characters");
        assertThatThrownBy(() -> DynamoDbConfig.builder().feedMode(DynamoDbConfig.FeedMode.IN_PROCESS)
                .tableName("t".repeat(252)).build())
                .hasMessageContaining("set feedTableName when tableName is longer than 250 characters");
    }

    @Test
    void aFeedTableNamedLikeTheEventsTableIsRejected() {
        assertRejected(b -> b.feedMode(DynamoDbConfig.FeedMode.IN_PROCESS).tableName("orders")
                        .feedTableName("orders"),
                "feedTableName must differ from tableName: the feed has a table of its own, was 'orders' for both");
    }

    @Test
    void feedModeAndFeedTableNameMustNotBeNull() {
        assertThatThrownBy(() -> DynamoDbConfig.builder().feedMode(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("feedMode is null");
    }

    private static void assertRejected(UnaryOperator<DynamoDbConfig.Builder> setting, String message) {
        assertThatThrownBy(() -> setting.apply(DynamoDbConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
