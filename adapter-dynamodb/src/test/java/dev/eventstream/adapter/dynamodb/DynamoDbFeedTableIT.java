package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The feed's stream on the events table and the feed table: created, enabled, and checked, on moto. */
class DynamoDbFeedTableIT {
    private final TestEngine moto = TestEngine.moto();
    private final List<String> tables = new ArrayList<>();

    @AfterEach
    void dropTables() {
        tables.forEach(moto::deleteTable);
    }

    private DynamoDbConfig newTables(FeedMode mode) {
        DynamoDbConfig config = moto.newTable().withFeedMode(mode);
        tables.add(config.tableName());
        tables.add(config.feedTableName());
        return config;
    }

    private TableDescription describe(String tableName) {
        return moto.admin().describeTable(r -> r.tableName(tableName)).table();
    }

    @ParameterizedTest
    @EnumSource(value = FeedMode.class, names = {"IN_PROCESS", "EXTERNAL"})
    void withTheFeedOnTheStoreCreatesTheEventsTableWithANewImageStreamAndTheFeedTable(FeedMode mode) {
        // given
        DynamoDbConfig config = newTables(mode);

        // when
        try (DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(config)) {
            // then
            assertThat(persistence.feed()).isPresent();
        }
        TableDescription events = describe(config.tableName());
        assertThat(events.streamSpecification().streamEnabled()).isTrue();
        assertThat(events.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        TableDescription feed = describe(config.feedTableName());
        assertThat(feed.keySchema()).containsExactlyInAnyOrder(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(feed.attributeDefinitions()).containsExactlyInAnyOrder(
                attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N));
        assertThat(feed.globalSecondaryIndexes()).isEmpty();
        assertThat(feed.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void aProvisionedStoreCreatesTheFeedTableWithTheSameCapacity() {
        // given
        DynamoDbConfig config = newTables(FeedMode.EXTERNAL).withCapacityUnits(7, 3);

        // when
        new DynamoDbEventPersistence(config).close();

        // then
        TableDescription feed = describe(config.feedTableName());
        assertThat(feed.provisionedThroughput().readCapacityUnits()).isEqualTo(7);
        assertThat(feed.provisionedThroughput().writeCapacityUnits()).isEqualTo(3);
    }

    @Test
    void withTheFeedOffThereIsNoStreamNoFeedTableAndNoFeed() {
        // given
        DynamoDbConfig config = newTables(FeedMode.OFF);

        // when
        try (DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(config)) {
            // then
            assertThat(persistence.feed()).isEmpty();
        }
        TableDescription events = describe(config.tableName());
        assertThat(events.streamSpecification() == null || !events.streamSpecification().streamEnabled()).isTrue();
        assertThatThrownBy(() -> describe(config.feedTableName())).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anEventsTableMadeWithoutAStreamGetsOneWhenTheFeedIsTurnedOnWithCreateTable() {
        // given: a store that ran without the feed
        DynamoDbConfig config = newTables(FeedMode.OFF);
        new DynamoDbEventPersistence(config).close();

        // when
        new DynamoDbEventPersistence(config.withFeedMode(FeedMode.IN_PROCESS)).close();

        // then
        TableDescription events = describe(config.tableName());
        assertThat(events.streamSpecification().streamEnabled()).isTrue();
        assertThat(events.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(events.latestStreamArn()).isNotBlank();
        assertThat(describe(config.feedTableName()).tableName()).isEqualTo(config.feedTableName());
    }

    @Test
    void tablesMadeByAnEarlierStartAreUsedWithCreateTableOff() {
        // given
        DynamoDbConfig config = newTables(FeedMode.IN_PROCESS);
        new DynamoDbEventPersistence(config).close();

        // when
        try (DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(config.withCreateTable(false))) {
            // then
            assertThat(persistence.feed()).isPresent();
        }
    }

    @Test
    void anEventsTableWithoutAStreamIsRejectedWithCreateTableOffSayingWhatToEnable() {
        // given
        DynamoDbConfig config = newTables(FeedMode.OFF);
        new DynamoDbEventPersistence(config).close();

        // when / then
        assertThatThrownBy(() -> FirstAppend.startAndAppend(
                config.withFeedMode(FeedMode.EXTERNAL).withCreateTable(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB table '" + config.tableName() + "' has no stream, but the feed"
                        + " (feedMode=EXTERNAL) is indexed from the events table's DynamoDB stream: enable a stream"
                        + " with view type NEW_IMAGE on it, or set createTable=true");
    }

    @Test
    void aStreamOfKeysOnlyIsRejectedSayingWhichViewTypeTheFeedNeeds() {
        // given
        DynamoDbConfig config = newTables(FeedMode.OFF);
        new DynamoDbEventPersistence(config).close();
        moto.admin().updateTable(r -> r.tableName(config.tableName())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));

        // when / then
        assertThatThrownBy(() -> new DynamoDbEventPersistence(config.withFeedMode(FeedMode.IN_PROCESS)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB table '" + config.tableName() + "' has a stream with view type KEYS_ONLY,"
                        + " but the feed's indexer reads each new event from the stream's records, which need view"
                        + " type NEW_IMAGE (or NEW_AND_OLD_IMAGES): disable the stream and enable it again with"
                        + " view type NEW_IMAGE");
    }

    @Test
    void aMissingFeedTableIsRejectedWithCreateTableOffNamingItsKeys() {
        // given: the events table with its stream, made by hand, and no feed table
        DynamoDbConfig config = newTables(FeedMode.OFF);
        new DynamoDbEventPersistence(config).close();
        moto.admin().updateTable(r -> r.tableName(config.tableName()).streamSpecification(FeedTable.STREAM));

        // when / then
        assertThatThrownBy(() -> FirstAppend.startAndAppend(
                config.withFeedMode(FeedMode.IN_PROCESS).withCreateTable(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB table '" + config.feedTableName() + "', the feed table (feedTableName), does"
                        + " not exist: create it with partition key 'pk' (S) and sort key 'sk' (N), or set"
                        + " createTable=true");
    }

    @Test
    void aFeedTableWithOtherKeysIsRejectedSayingWhatItHasAndWhatIsNeeded() {
        // given
        DynamoDbConfig config = newTables(FeedMode.OFF);
        new DynamoDbEventPersistence(config).close();
        moto.admin().updateTable(r -> r.tableName(config.tableName()).streamSpecification(FeedTable.STREAM));
        moto.admin().createTable(r -> r.tableName(config.feedTableName())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));

        // when / then
        assertThatThrownBy(() -> new DynamoDbEventPersistence(config.withFeedMode(FeedMode.IN_PROCESS)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB table '" + config.feedTableName() + "', the feed table (feedTableName), has"
                        + " partition key 'pk' (S) and sort key 'sk' (S); the feed needs partition key 'pk' (S) and"
                        + " sort key 'sk' (N). Use another feedTableName, or let the store create the table"
                        + " (createTable=true)");
    }

    @Test
    void inProcessModeStartsTheIndexerOnTheTablesStreamAndTheFeedAndStopsItWhenClosed() {
        // given
        DynamoDbConfig config = newTables(FeedMode.IN_PROCESS);
        List<FeedIndexerStarter.Parts> started = new ArrayList<>();
        AtomicInteger stopped = new AtomicInteger();
        FeedIndexerStarter indexer = parts -> {
            started.add(parts);
            return stopped::incrementAndGet;
        };

        // when
        try (DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(DynamoDbClients.create(config),
                config, true, Thread::sleep, indexer)) {
            // then
            assertThat(started).hasSize(1);
            FeedIndexerStarter.Parts parts = started.get(0);
            assertThat(parts.streamArn()).isEqualTo(describe(config.tableName()).latestStreamArn());
            DynamoDbFeedStorage storage = (DynamoDbFeedStorage) persistence.feed().orElseThrow();
            assertThat(parts.chunks()).isSameAs(storage.chunks());
            assertThat(parts.leases()).isSameAs(storage.leases());
            AtomicInteger woken = new AtomicInteger();
            storage.entries().onAdvance(woken::incrementAndGet);
            parts.advanced().run();
            assertThat(woken).hasValue(1);
            assertThat(stopped).hasValue(0);
        }
        assertThat(stopped).hasValue(1);
    }

    @Test
    void externalModeStartsNoIndexer() {
        // given
        DynamoDbConfig config = newTables(FeedMode.EXTERNAL);
        List<FeedIndexerStarter.Parts> started = new ArrayList<>();

        // when
        new DynamoDbEventPersistence(DynamoDbClients.create(config), config, true, Thread::sleep, parts -> {
            started.add(parts);
            return () -> {};
        }).close();

        // then
        assertThat(started).isEmpty();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
