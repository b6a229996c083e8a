package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Creating the events table, and checking one the store did not create, on moto. */
class DynamoDbTableIT {
    private final TestEngine moto = TestEngine.moto();
    private final List<String> tables = new ArrayList<>();

    @AfterEach
    void dropTables() {
        tables.forEach(moto::deleteTable);
    }

    private DynamoDbConfig newTable() {
        DynamoDbConfig config = moto.newTable();
        tables.add(config.tableName());
        return config;
    }

    private TableDescription describe(String tableName) {
        return moto.admin().describeTable(r -> r.tableName(tableName)).table();
    }

    @Test
    void createsTheTableWithStreamAndSequenceKeysListingAndPendingIndexesAndOnDemandBilling() {
        // given
        DynamoDbConfig config = newTable();

        // when
        new DynamoDbEventPersistence(config).close();

        // then
        TableDescription table = describe(config.tableName());
        assertThat(table.keySchema()).containsExactlyInAnyOrder(key("pk", KeyType.HASH), key("seq", KeyType.RANGE));
        assertThat(table.attributeDefinitions()).contains(
                attribute("pk", ScalarAttributeType.S), attribute("seq", ScalarAttributeType.N));
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.globalSecondaryIndexes())
                .allSatisfy(index -> assertThat(index.projection().projectionType())
                        .isEqualTo(ProjectionType.KEYS_ONLY))
                .extracting(index -> index.indexName() + " " + index.keySchema().stream()
                        .map(KeySchemaElement::attributeName).toList())
                .containsExactlyInAnyOrder("listing [lpk, lsk]", "pending [ppk, psk]");
    }

    @Test
    void createsAProvisionedTableWithTheConfiguredCapacity() {
        // given
        DynamoDbConfig config = newTable().withCapacityUnits(7, 3);

        // when
        new DynamoDbEventPersistence(config).close();

        // then
        TableDescription table = describe(config.tableName());
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(7);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(3);
        assertThat(table.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits()).isEqualTo(7);
    }

    @Test
    void enablesTtlOnTheExpiryAttributeWhenTtlIsSet() {
        // given
        DynamoDbConfig config = newTable().withTtl(Duration.ofHours(1));

        // when
        new DynamoDbEventPersistence(config).close();

        // then
        var ttl = moto.admin().describeTimeToLive(r -> r.tableName(config.tableName())).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.attributeName()).isEqualTo("exp");
    }

    @Test
    void leavesTtlOffWithoutTtl() {
        // given
        DynamoDbConfig config = newTable();

        // when
        new DynamoDbEventPersistence(config).close();

        // then
        var ttl = moto.admin().describeTimeToLive(r -> r.tableName(config.tableName())).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    }

    @ParameterizedTest(name = "createTable={0}")
    @ValueSource(booleans = {false, true})
    void anExistingTableIsUsedAsItIsWithItsEvents(boolean createTable) {
        // given: the table made by an earlier start, holding an event
        DynamoDbConfig config = newTable();
        StreamKey stream = StreamKey.of("orders", "1");
        try (DynamoDbEventPersistence first = new DynamoDbEventPersistence(config)) {
            first.append(stream, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
        }

        // when
        try (DynamoDbEventPersistence second = new DynamoDbEventPersistence(config.withCreateTable(createTable))) {
            // then
            assertThat(second.read(stream, 1, 10)).hasSize(1);
        }
    }

    @Test
    void missingTableWithCreateTableOffFailsNamingTheTableAndTheFix() {
        // given
        DynamoDbConfig config = newTable().withCreateTable(false);

        // when / then
        assertThatThrownBy(() -> FirstAppend.startAndAppend(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DynamoDB table '" + config.tableName() + "' does not exist")
                .hasMessageContaining("partition key 'pk' (S) and sort key 'seq' (N)")
                .hasMessageContaining("createTable=true");
    }

    @Test
    void tableWithOtherKeysIsRejectedSayingWhatItHasAndWhatIsNeeded() {
        // given: a table someone made for something else
        DynamoDbConfig config = newTable();
        createTableWithoutIndexes(config.tableName(), List.of(attribute("id", ScalarAttributeType.S)),
                key("id", KeyType.HASH));

        // when / then
        assertThatThrownBy(() -> FirstAppend.startAndAppend(config.withCreateTable(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DynamoDB table '" + config.tableName()
                        + "' has partition key 'id' (S) and no sort key; this event store needs partition key 'pk'"
                        + " (S) and sort key 'seq' (N)");
    }

    @Test
    void tableWithTheRightKeysButNoListingIndexIsRejected() {
        // given
        DynamoDbConfig config = newTable();
        createTableWithoutIndexes(config.tableName(),
                List.of(attribute("pk", ScalarAttributeType.S), attribute("seq", ScalarAttributeType.N)),
                key("pk", KeyType.HASH), key("seq", KeyType.RANGE));

        // when / then
        assertThatThrownBy(() -> FirstAppend.startAndAppend(config.withCreateTable(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB table '" + config.tableName() + "' has no global secondary index 'listing'"
                        + " with partition key 'lpk' (S) and sort key 'lsk' (B), which lists aggregations and"
                        + " streams without scanning the table");
    }

    @Test
    void tableWithTheListingIndexButNoPendingIndexIsRejected() {
        // given: the store's keys and listing index, made by hand without the pending index
        DynamoDbConfig config = newTable();
        moto.admin().createTable(r -> r.tableName(config.tableName())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(List.of(attribute("pk", ScalarAttributeType.S),
                        attribute("seq", ScalarAttributeType.N), attribute("lpk", ScalarAttributeType.S),
                        attribute("lsk", ScalarAttributeType.B)))
                .keySchema(key("pk", KeyType.HASH), key("seq", KeyType.RANGE))
                .globalSecondaryIndexes(index -> index.indexName("listing")
                        .keySchema(key("lpk", KeyType.HASH), key("lsk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));

        // when / then
        assertThatThrownBy(() -> FirstAppend.startAndAppend(config.withCreateTable(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB table '" + config.tableName() + "' has no global secondary index 'pending'"
                        + " with partition key 'ppk' (S) and sort key 'psk' (B), which finds the events whose"
                        + " publication is pending");
    }

    @Test
    void ttlOnAnotherAttributeIsRejectedBecauseEventsWouldNeverExpire() {
        // given
        DynamoDbConfig config = newTable();
        new DynamoDbEventPersistence(config).close();
        moto.admin().updateTimeToLive(r -> r.tableName(config.tableName())
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));

        // when / then
        assertThatThrownBy(() -> new DynamoDbEventPersistence(config.withTtl(Duration.ofDays(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has TTL on attribute 'expiresAt'")
                .hasMessageContaining("writes the expiry of events to 'exp'");
    }

    @Test
    void tableStatusIsOneDescribeTableAndNamesATableThatIsGone() {
        // given
        DynamoDbConfig config = newTable();
        RequestLog log = new RequestLog();
        try (DynamoDbClient client = moto.client(log);
                DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(client, config)) {
            log.clear();

            // when / then
            assertThat(persistence.tableStatus()).isEqualTo("ACTIVE");
            assertThat(log.requests()).extracting(RequestLog.Request::operation).containsExactly("DescribeTable");

            moto.deleteTable(config.tableName());
            assertThatThrownBy(persistence::tableStatus)
                    .isInstanceOf(DynamoDbRejectedException.class)
                    .hasMessageContaining("describe table " + config.tableName())
                    .hasMessageContaining("ResourceNotFoundException");
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** A table made by someone else, with these keys and nothing more. */
    private void createTableWithoutIndexes(String tableName, List<AttributeDefinition> attributes,
            KeySchemaElement... keys) {
        moto.admin().createTable(r -> r.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(keys));
    }
}
