package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * With {@code createTable=false} (an AWS Lambda function's tables, made by its infrastructure) a persistence starts
 * without sending a request; the tables are still checked before the first event is written, and a missing table is
 * still an error naming it, at the first append. On moto, each request counted by an interceptor on the client.
 */
class StartWithoutRequestsIT {
    private static final StreamKey STREAM = new StreamKey("orders", "1");
    private static final List<NewEvent> EVENT = List.of(NewEvent.of("PLACED", Map.of("item", "book")));

    private final TestEngine moto = TestEngine.moto();
    private final List<String> tables = new ArrayList<>();
    private final Recorder recorder = new Recorder();

    @AfterEach
    void dropTables() {
        tables.forEach(moto::deleteTable);
    }

    @ParameterizedTest
    @EnumSource(FeedMode.class)
    void theConstructorSendsNothingAndTheFirstAppendWritesOnlyAfterTheTablesWereDescribed(FeedMode mode) {
        // given: the tables, made by an earlier start with createTable
        DynamoDbConfig made = moto.newTable().withFeedMode(mode);
        tables.add(made.tableName());
        tables.add(made.feedTableName());
        new DynamoDbEventPersistence(made).close();
        DynamoDbConfig config = made.withCreateTable(false);

        try (DynamoDbClient client = recordedClient(config);
                DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(client, config)) {
            // when
            List<Recorder.Sent> byConstructor = recorder.onThread(Thread.currentThread());
            persistence.append(STREAM, ExpectedVersion.any(), EVENT);

            // then
            assertThat(byConstructor).isEmpty();
            List<String> operations = recorder.operations();
            assertThat(operations).doesNotContain("CreateTable", "UpdateTable", "UpdateTimeToLive");
            int firstWrite = operations.indexOf("TransactWriteItems");
            assertThat(firstWrite).isPositive();
            assertThat(operations.subList(0, firstWrite))
                    .filteredOn("DescribeTable"::equals)
                    // The events table (keys, indexes and stream), and the feed table with a feed.
                    .hasSize(mode == FeedMode.OFF ? 1 : 2);
        }
    }

    @Test
    void aMissingTableFailsTheFirstAppendNamingItAndOnceMadeTheNextAppendIsWritten() {
        // given
        DynamoDbConfig made = moto.newTable();
        tables.add(made.tableName());
        DynamoDbConfig config = made.withCreateTable(false);
        try (DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(config)) {
            // when / then
            assertThatThrownBy(() -> persistence.append(STREAM, ExpectedVersion.any(), EVENT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("DynamoDB table '" + config.tableName() + "' does not exist")
                    .hasMessageContaining("createTable=true");
            assertThatThrownBy(() -> persistence.read(STREAM, 1, 10))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("DynamoDB table '" + config.tableName() + "' does not exist");

            // when: the table is made after all
            new DynamoDbEventPersistence(made).close();

            // then: checked again, and written
            assertThat(persistence.append(STREAM, ExpectedVersion.noStream(), EVENT).version()).isEqualTo(1);
            assertThat(persistence.read(STREAM, 1, 10)).hasSize(1);
        }
    }

    @Test
    void aServiceThatChecksTheTablesAtStartFailsThereNamingTheMissingTableAndClosesThePersistence() {
        // given
        DynamoDbConfig config = moto.newTable().withCreateTable(false);
        DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(config);

        // when / then
        assertThatThrownBy(() -> DynamoDbEventPersistence.withTablesChecked(persistence))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DynamoDB table '" + config.tableName() + "' does not exist");
        assertThatThrownBy(() -> persistence.read(STREAM, 1, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed");
    }

    private DynamoDbClient recordedClient(DynamoDbConfig config) {
        DynamoDbClientBuilder builder = DynamoDbClients.builder(config);
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                        .addExecutionInterceptor(recorder)
                        .build())
                .build();
    }

    /** Every request a client sends, with the thread that sent it. */
    private static final class Recorder implements ExecutionInterceptor {
        record Sent(String operation, Thread thread) {}

        private final List<Sent> sent = new ArrayList<>();

        @Override
        public synchronized void beforeTransmission(Context.BeforeTransmission context,
                ExecutionAttributes attributes) {
            sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), Thread.currentThread()));
        }

        synchronized List<Sent> onThread(Thread thread) {
            return sent.stream().filter(s -> s.thread() == thread).toList();
        }

        synchronized List<String> operations() {
            return sent.stream().map(Sent::operation).toList();
        }
    }
}
