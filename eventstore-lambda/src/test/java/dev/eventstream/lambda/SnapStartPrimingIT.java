package dev.eventstream.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.testkit.moto.MotoServer;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SnapStart hook called as the runtime calls it, before the snapshot and after a restore, on a store as a
 * Lambda function builds it (tables made elsewhere, {@code createTable=false}), on moto.
 */
class SnapStartPrimingIT {
    private static final URI ENDPOINT = MotoServer.shared().endpoint();

    private final DynamoDbConfig made = DynamoDbConfig.builder()
            .tableName("events-" + UUID.randomUUID())
            .createTable(true)
            .feedMode(DynamoDbConfig.FeedMode.EXTERNAL)
            .clientSettings(EmulatorClients.settings(ENDPOINT))
            .build();

    @AfterEach
    void dropTables() {
        try (DynamoDbClient admin = EmulatorClients.client(DynamoDbClient.builder(), ENDPOINT)) {
            admin.deleteTable(r -> r.tableName(made.tableName()));
            admin.deleteTable(r -> r.tableName(made.feedTableName()));
        }
    }

    @Test
    void aStorePrimedBeforeTheSnapshotAndAfterTheRestoreAppendsAndPrimingWroteNothing() {
        // given: the tables, made by the infrastructure
        new DynamoDbEventPersistence(made).close();
        try (DefaultEventStore store = new DefaultEventStore(
                new DynamoDbEventPersistence(made.withCreateTable(false)))) {
            SnapStartPriming priming = new SnapStartPriming(store);

            // when
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            RecordedEvent opened = store.getEventStream("accounts", "a-1")
                    .addEvent("AccountOpened", Map.of("owner", "Ada"));

            // then
            assertThat(opened.sequence()).isEqualTo(1);
            assertThat(store.getEventStream("accounts", "a-1").getEvents()).hasSize(1);
            assertThat(store.getAggregations(0, 10)).containsExactly("accounts");
            assertThat(store.getEventStream(SnapStartPriming.AGGREGATION, SnapStartPriming.STREAM_ID).getEvents())
                    .isEmpty();
        }
    }

    @Test
    void registeringOnAJvmWithoutCracLeavesTheStoreWorking() {
        // given
        new DynamoDbEventPersistence(made).close();
        try (DefaultEventStore store = new DefaultEventStore(
                new DynamoDbEventPersistence(made.withCreateTable(false)))) {
            // when
            SnapStartPriming.register(store);

            // then
            assertThat(store.getEventStream("accounts", "a-2").addEvent("AccountOpened", Map.of()).sequence())
                    .isEqualTo(1);
        }
    }
}
