package dev.eventstream.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The function's settings from its environment variables. */
class FunctionEnvironmentTest {

    @Test
    void theTableNameAloneMakesExternalIndexingOnTheDefaultFeedTableWithoutCreatingTables() {
        // when
        DynamoDbConfig config = FunctionEnvironment.config(Map.of("EVENTSTREAM_DYNAMODB_TABLE", "orders-events"));

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
        DynamoDbConfig config = FunctionEnvironment.config(Map.of(
                "EVENTSTREAM_DYNAMODB_TABLE", "events",
                "EVENTSTREAM_DYNAMODB_FEED_TABLE", "feed",
                "EVENTSTREAM_AWS_REGION", "eu-west-1",
                "EVENTSTREAM_AWS_ENDPOINT", "http://127.0.0.1:4566"));

        // then
        assertThat(config.feedTableName()).isEqualTo("feed");
        assertThat(config.clientSettings().region()).isEqualTo(Region.EU_WEST_1);
        assertThat(config.clientSettings().endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:4566"));
    }

    @Test
    void blankVariablesCountAsUnset() {
        // when
        DynamoDbConfig config = FunctionEnvironment.config(Map.of("EVENTSTREAM_DYNAMODB_TABLE", " events ",
                "EVENTSTREAM_DYNAMODB_FEED_TABLE", " ", "EVENTSTREAM_AWS_REGION", ""));

        // then
        assertThat(config.tableName()).isEqualTo("events");
        assertThat(config.feedTableName()).isEqualTo("events-feed");
        assertThat(config.clientSettings().region()).isNull();
    }

    @Test
    void aMissingTableNameIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> FunctionEnvironment.config(Map.of("EVENTSTREAM_DYNAMODB_FEED_TABLE", "feed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable EVENTSTREAM_DYNAMODB_TABLE is not set: set it to the name of the"
                        + " events table");
    }

    @Test
    void invalidValuesAreRejectedNamingWhatIsWrong() {
        assertThatThrownBy(() -> FunctionEnvironment.config(Map.of("EVENTSTREAM_DYNAMODB_TABLE", "events",
                "EVENTSTREAM_AWS_ENDPOINT", "localhost:4566")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable EVENTSTREAM_AWS_ENDPOINT must be an absolute http or https URL, was"
                        + " 'localhost:4566'");
        assertThatThrownBy(() -> FunctionEnvironment.config(Map.of("EVENTSTREAM_DYNAMODB_TABLE", "events",
                "EVENTSTREAM_DYNAMODB_FEED_TABLE", "events")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the function's environment variables (EVENTSTREAM_DYNAMODB_TABLE,"
                        + " EVENTSTREAM_DYNAMODB_FEED_TABLE, EVENTSTREAM_AWS_REGION) do not make valid settings:")
                .hasMessageContaining("feedTableName must differ from tableName");
        assertThatThrownBy(() -> FunctionEnvironment.config(Map.of("EVENTSTREAM_DYNAMODB_TABLE", "ev ents")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableName");
    }
}
