package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.guice.EventStoreModule;
import dev.eventstream.testkit.RecordingTelemetry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wiring the DynamoDB store with Guice, on moto. */
class DynamoDbEventStoreModuleIT {
    private final TestEngine moto = TestEngine.moto();
    private final DynamoDbConfig table = moto.newTable();

    @AfterEach
    void dropTable() {
        moto.deleteTable(table.tableName());
    }

    @Test
    void theStoreFromTheInjectorWritesToTheConfiguredTable() {
        // given
        Injector injector = Guice.createInjector(new EventStoreModule(), new DynamoDbEventStoreModule(table));
        EventStore store = injector.getInstance(EventStore.class);

        // when
        RecordedEvent placed = store.getEventStream("orders", "guice-1").addEvent("PLACED", Map.of("n", 1));

        // then
        assertThat(moto.item(table.tableName(), placed.stream().asString(), 1)).isNotEmpty();
        injector.getInstance(DefaultEventStore.class).close();
    }

    @Test
    void theTelemetryTheInjectorBindsReportsTheModulesDynamoDbRequests() {
        // given
        RecordingTelemetry telemetry = new RecordingTelemetry();
        Injector injector = Guice.createInjector(new EventStoreModule(), new DynamoDbEventStoreModule(table),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), StoreTelemetry.class).setBinding()
                                .toInstance(telemetry);
                    }
                });
        EventStore store = injector.getInstance(EventStore.class);

        // when
        store.getEventStream("orders", "guice-3").addEvent("PLACED", Map.of("n", 1));

        // then
        assertThat(telemetry.awsRequests()).extracting(AwsRequest::operation).contains("TransactWriteItems");
        injector.getInstance(DefaultEventStore.class).close();
    }

    @Test
    void aMissingTableMadeElsewhereFailsTheStartNamingIt() {
        // given
        DynamoDbConfig elsewhere = moto.newTable().withCreateTable(false);
        Injector injector = Guice.createInjector(new EventStoreModule(), new DynamoDbEventStoreModule(elsewhere));

        // when / then: the store is a singleton made at its first request, here
        assertThatThrownBy(() -> injector.getInstance(EventStore.class))
                .hasMessageContaining("DynamoDB table '" + elsewhere.tableName() + "' does not exist");
    }

    @Test
    void thePersistenceIsOneSingletonAndItsClientStaysPrivateToTheModule() {
        // given
        Injector injector = Guice.createInjector(new DynamoDbEventStoreModule(table));

        // when
        EventPersistence first = injector.getInstance(EventPersistence.class);
        EventPersistence second = injector.getInstance(EventPersistence.class);

        // then
        assertThat(first).isSameAs(second).isInstanceOf(DynamoDbEventPersistence.class);
        assertThat(injector.getExistingBinding(com.google.inject.Key.get(DynamoDbClient.class))).isNull();
        first.close();
    }

    @Test
    void closingTheStoreClosesThePersistenceAndTheClientTheModuleBuilt() {
        // given
        Injector injector = Guice.createInjector(new EventStoreModule(), new DynamoDbEventStoreModule(table));
        DefaultEventStore store = injector.getInstance(DefaultEventStore.class);
        DynamoDbEventPersistence persistence = (DynamoDbEventPersistence) injector.getInstance(EventPersistence.class);
        store.getEventStream("orders", "guice-2").addEvent("PLACED", Map.of());

        // when
        store.close();

        // then
        assertThatThrownBy(() -> store.getEventStream("orders", "guice-2").getEvents())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed");
        assertThatThrownBy(() -> persistence.client().describeTable(r -> r.tableName(table.tableName())))
                .hasMessageContaining("Connection pool shut down");
    }

    @Test
    void closingAPersistenceBuiltOnTheCallersClientLeavesThatClientOpen() {
        // given
        try (DynamoDbClient client = moto.client()) {
            DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(client, table);

            // when
            persistence.close();

            // then
            assertThat(persistence.client()).isSameAs(client);
            assertThat(client.describeTable(r -> r.tableName(table.tableName())).table().tableName())
                    .isEqualTo(table.tableName());
        }
    }
}
