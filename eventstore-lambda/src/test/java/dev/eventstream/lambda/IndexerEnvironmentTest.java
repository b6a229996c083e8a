package dev.eventstream.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The function's settings from its environment variables. */
class IndexerEnvironmentTest {

    @Test
    void theTableNameAloneMakesExternalIndexingOnTheDefaultFeedTableWithoutCreatingTables() {
        // when
        DynamoDbConfig config = IndexerEnvironment.config(Map.of("EVENTSTORE_TABLE_NAME", "orders-events"));

        // then
        assertThat(config.tableName()).isEqualTo("orders-events");
        assertThat(config.feedTableName()).isEqualTo("orders-events-feed");
        assertThat(config.feedMode()).isEqualTo(DynamoDbConfig.FeedMode.EXTERNAL);
        assertThat(config.createTable()).isFalse();
        assertThat(config.clientSettings().region()).isNull();
        assertThat(config.clientSettings().endpointUrl()).isNull();
    }

    @Test
    void feedTableRegionAndEndpointAreTakenWhenSet() {
        // when
        DynamoDbConfig config = IndexerEnvironment.config(Map.of(
                "EVENTSTORE_TABLE_NAME", "events",
                "EVENTSTORE_FEED_TABLE_NAME", "feed",
                "EVENTSTORE_REGION", "eu-west-1",
                "EVENTSTORE_ENDPOINT_URL", "http://127.0.0.1:4566"));

        // then
        assertThat(config.feedTableName()).isEqualTo("feed");
        assertThat(config.clientSettings().region()).isEqualTo(Region.EU_WEST_1);
        assertThat(config.clientSettings().endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:4566"));
    }

    @Test
    void blankVariablesCountAsUnset() {
        // when
        DynamoDbConfig config = IndexerEnvironment.config(Map.of("EVENTSTORE_TABLE_NAME", " events ",
                "EVENTSTORE_FEED_TABLE_NAME", " ", "EVENTSTORE_REGION", ""));

        // then
        assertThat(config.tableName()).isEqualTo("events");
        assertThat(config.feedTableName()).isEqualTo("events-feed");
        assertThat(config.clientSettings().region()).isNull();
    }

    @Test
    void aMissingTableNameIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> IndexerEnvironment.config(Map.of("EVENTSTORE_FEED_TABLE_NAME", "feed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable EVENTSTORE_TABLE_NAME is not set: set it to the name of the events"
                        + " table whose stream invokes this function");
    }

    @Test
    void invalidValuesAreRejectedNamingWhatIsWrong() {
        assertThatThrownBy(() -> IndexerEnvironment.config(Map.of("EVENTSTORE_TABLE_NAME", "events",
                "EVENTSTORE_ENDPOINT_URL", "localhost:4566")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable EVENTSTORE_ENDPOINT_URL must be an absolute http or https URL, was"
                        + " 'localhost:4566'");
        assertThatThrownBy(() -> IndexerEnvironment.config(Map.of("EVENTSTORE_TABLE_NAME", "events",
                "EVENTSTORE_FEED_TABLE_NAME", "events")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the function's environment variables (EVENTSTORE_TABLE_NAME,"
                        + " EVENTSTORE_FEED_TABLE_NAME, EVENTSTORE_REGION) do not make valid settings:")
                .hasMessageContaining("feedTableName must differ from tableName");
        assertThatThrownBy(() -> IndexerEnvironment.config(Map.of("EVENTSTORE_TABLE_NAME", "ev ents")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableName");
    }
}
