package dev.eventstream.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.aws.HttpClientType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The properties map onto the adapters' configs: unset ones keep the adapters' defaults, so a Spring application
 * gets what the Guice modules and plain constructors give for the same config, and each set one reaches its setting.
 */
class EventStreamPropertiesTest {
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:orders";

    private static EventStreamProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("eventstream", EventStreamProperties.class);
    }

    @Test
    void nothingSetMeansInMemoryWithoutTopic() {
        EventStreamProperties properties = bind(Map.of());

        assertThat(properties.usesDynamoDb()).isFalse();
        assertThat(properties.dynamoDbConfig(null)).isEmpty();
        assertThat(properties.snsConfig(null)).isEmpty();
        assertThat(properties.sqsConfig(null)).isEmpty();
    }

    @Test
    void unsetSettingsAreTheAdaptersDefaults() {
        EventStreamProperties properties = bind(Map.of(
                "eventstream.dynamodb.table-name", "orders-events",
                "eventstream.sns.topic-arn", TOPIC));

        assertThat(properties.dynamoDbConfig(null))
                .contains(DynamoDbConfig.builder().tableName("orders-events").build());
        assertThat(properties.snsConfig(null)).contains(SnsConfig.builder(TOPIC).build());
        assertThat(properties.sqsConfig(null)).contains(SqsConfig.builder(TOPIC).build());
    }

    @Test
    void blankValuesCountAsUnset() {
        EventStreamProperties properties = bind(Map.of(
                "eventstream.dynamodb.table-name", " ",
                "eventstream.sns.topic-arn", "",
                "eventstream.aws.endpoint-url", ""));

        assertThat(properties.usesDynamoDb()).isFalse();
        assertThat(properties.snsConfig(null)).isEmpty();
    }

    @Test
    void everySettingReachesItsConfig() {
        EventStreamProperties properties = bind(Map.ofEntries(
                Map.entry("eventstream.aws.region", "eu-west-1"),
                Map.entry("eventstream.aws.endpoint-url", "http://127.0.0.1:4566"),
                Map.entry("eventstream.aws.max-retries", "5"),
                Map.entry("eventstream.aws.connect-timeout", "3s"),
                Map.entry("eventstream.aws.socket-timeout", "40s"),
                Map.entry("eventstream.aws.max-connections", "7"),
                Map.entry("eventstream.aws.http-client", "url-connection"),
                Map.entry("eventstream.dynamodb.table-name", "orders-events"),
                Map.entry("eventstream.dynamodb.create-table", "true"),
                Map.entry("eventstream.dynamodb.feed-mode", "external"),
                Map.entry("eventstream.dynamodb.feed-table-name", "orders-feed"),
                Map.entry("eventstream.dynamodb.ttl", "7d"),
                Map.entry("eventstream.dynamodb.read-capacity-units", "4"),
                Map.entry("eventstream.dynamodb.write-capacity-units", "2"),
                Map.entry("eventstream.sns.topic-arn", TOPIC),
                Map.entry("eventstream.sqs.topic-arn", TOPIC + "-copy"),
                Map.entry("eventstream.sqs.queue-name-prefix", "billing"),
                Map.entry("eventstream.sqs.consumer-group", "invoices"),
                Map.entry("eventstream.sqs.wait-time", "5s"),
                Map.entry("eventstream.sqs.visibility-timeout", "1m"),
                Map.entry("eventstream.sqs.max-messages", "3"),
                Map.entry("eventstream.sqs.deduplication-capacity", "99"),
                Map.entry("eventstream.sqs.max-delivery-attempts", "4")));

        DynamoDbConfig dynamoDb = properties.dynamoDbConfig(null).orElseThrow();
        assertThat(dynamoDb).isEqualTo(DynamoDbConfig.builder()
                .region("eu-west-1").endpointUrl("http://127.0.0.1:4566").maxRetries(5)
                .connectTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(40)).maxConnections(7)
                .httpClient(HttpClientType.URL_CONNECTION)
                .tableName("orders-events").createTable(true).feedMode(DynamoDbConfig.FeedMode.EXTERNAL)
                .feedTableName("orders-feed").ttl(Duration.ofDays(7)).readCapacityUnits(4L).writeCapacityUnits(2L)
                .build());
        SqsConfig sqs = properties.sqsConfig(null).orElseThrow();
        assertThat(sqs.topicArn()).isEqualTo(TOPIC + "-copy");
        assertThat(sqs).isEqualTo(SqsConfig.builder(TOPIC + "-copy")
                .clientSettings(dynamoDb.clientSettings())
                .queueNamePrefix("billing").consumerGroup("invoices").waitTime(Duration.ofSeconds(5))
                .visibilityTimeout(Duration.ofMinutes(1)).maxMessages(3).deduplicationCapacity(99)
                .maxDeliveryAttempts(4).build());
        assertThat(properties.snsConfig(null).orElseThrow().clientSettings()).isEqualTo(dynamoDb.clientSettings());
    }

    @Test
    void settingNamesArePutInAsWholeWordsOnly() {
        Map<String, String> names = SettingNames.of(SettingNames.AWS, SettingNames.DYNAMODB);

        assertThat(SettingNames.rename("region must be a region name, was 'x'", names))
                .isEqualTo("eventstream.aws.region must be a region name, was 'x'");
        assertThat(SettingNames.rename("feedTableName must differ from tableName: tableName2", names))
                .isEqualTo("eventstream.dynamodb.feed-table-name must differ from eventstream.dynamodb.table-name:"
                        + " tableName2");
    }
}
