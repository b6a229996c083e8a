package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.aws.testing.iam.TestOnlyClients;
import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.testkit.RecordingTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * What a persistence whose config carries a telemetry reports, on moto: every DynamoDB request with its table,
 * attempts, outcome and the capacity moto reports (moto gives fixed units for item requests, none for
 * transactions), the retries of an {@code any()} append that lost a race, and the indexer's lag.
 */
class DynamoDbTelemetryIT {
    private static final StreamKey STREAM = StreamKey.of("orders", "telemetry-1");

    private final TestEngine moto = TestEngine.moto();
    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();

    @AfterEach
    void closeAndDropTables() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        tables.forEach(moto::deleteTable);
    }

    @Test
    void anAppendReportsItsPutItemWithTheTableOneAttemptAndTheCapacityConsumed() {
        // given: the stream's first append listed its aggregation (a transaction), so the next one is one PutItem
        DynamoDbConfig config = table(FeedMode.OFF);
        DynamoDbEventPersistence persistence = persistence(config);
        persistence.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
        int before = telemetry.awsRequests().size();

        // when
        persistence.append(STREAM, ExpectedVersion.exactly(1), List.of(NewEvent.of("PAID", Map.of("amount", 12))));

        // then
        List<AwsRequest> requests = telemetry.awsRequests().subList(before, telemetry.awsRequests().size());
        assertThat(requests).singleElement().satisfies(put -> {
            assertThat(put.service()).isEqualTo("DynamoDB");
            assertThat(put.operation()).isEqualTo("PutItem");
            assertThat(put.resources()).containsExactly(config.tableName());
            assertThat(put.attempts()).isEqualTo(1);
            assertThat(put.errorCode()).isNull();
            assertThat(put.outcome()).isEqualTo("success");
            assertThat(put.consumedCapacity()).singleElement().satisfies(units -> assertThat(units).isPositive());
        });
    }

    @Test
    void theFirstAppendsTransactionAndAReadReportTheirTable() {
        // given
        DynamoDbConfig config = table(FeedMode.OFF);
        DynamoDbEventPersistence persistence = persistence(config);
        int before = telemetry.awsRequests().size();

        // when
        persistence.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
        persistence.read(STREAM, 1, 10);

        // then: moto reports no capacity for transactions, and reports it for the Query
        List<AwsRequest> requests = telemetry.awsRequests().subList(before, telemetry.awsRequests().size());
        assertThat(requests).extracting(AwsRequest::operation).containsExactly("TransactWriteItems", "Query");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.resources()).containsExactly(config.tableName());
            assertThat(request.outcome()).isEqualTo("success");
        });
        assertThat(requests.get(1).totalCapacity()).isPositive();
    }

    @Test
    void aWriteThatFindsItsPositionTakenReportsDynamoDbsErrorCode() {
        // given: another process appended to the stream; this one knows the aggregation, not the stream
        DynamoDbConfig config = table(FeedMode.OFF);
        DynamoDbEventPersistence other = persistence(config);
        other.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
        DynamoDbEventPersistence mine = persistence(config.withCreateTable(false));
        mine.append(StreamKey.of("orders", "another"), ExpectedVersion.noStream(),
                List.of(NewEvent.of("PLACED", Map.of())));
        int before = telemetry.awsRequests().size();

        // when
        assertThatThrownBy(() -> mine.append(STREAM, ExpectedVersion.noStream(),
                List.of(NewEvent.of("PLACED", Map.of())))).isInstanceOf(WrongExpectedVersionException.class);

        // then: the failed PutItem, with no capacity (DynamoDB's error carries none)
        List<AwsRequest> requests = telemetry.awsRequests().subList(before, telemetry.awsRequests().size());
        assertThat(requests).first().satisfies(put -> {
            assertThat(put.operation()).isEqualTo("PutItem");
            assertThat(put.resources()).containsExactly(config.tableName());
            assertThat(put.errorCode()).isEqualTo("ConditionalCheckFailedException");
            assertThat(put.throttleReason()).isNull();
            assertThat(put.consumedCapacity()).isEmpty();
        });
    }

    @Test
    void anAnyAppendThatLostARaceCountsOneRetryOfTheAppend() {
        // given: this process knows version 1; another moves the stream on whenever this one pauses
        DynamoDbConfig config = table(FeedMode.OFF);
        DynamoDbEventPersistence other = persistence(config);
        DynamoDbClient client = DynamoDbClients.create(config);
        resources.add(client);
        DynamoDbEventPersistence mine = new DynamoDbEventPersistence(client, config.withCreateTable(false), false,
                millis -> other.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("OTHER", Map.of()))));
        resources.add(0, mine);
        mine.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
        other.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("OTHER", Map.of())));

        // when
        long version = mine.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("MINE", Map.of()))).version();

        // then: it lost position 2, tried again once and took 4
        assertThat(version).isEqualTo(4);
        assertThat(telemetry.count(Meter.RETRIES, StreamAppends.APPEND)).isEqualTo(1);
        assertThat(telemetry.count(Meter.RETRIES_EXHAUSTED, StreamAppends.APPEND)).isZero();
    }

    @Test
    void aClientBuiltElsewhereReportsThroughTheAdaptersInterceptor() {
        // given: settings without telemetry, the client's interceptor reporting
        DynamoDbConfig config = moto.newTable();
        tables.add(config.tableName());
        DynamoDbClientBuilder builder = DynamoDbClients.builder(config);
        DynamoDbClient client = TestOnlyClients.mark(builder.overrideConfiguration(builder.overrideConfiguration()
                .toBuilder().addExecutionInterceptor(DynamoDbTelemetry.interceptor(telemetry)).build())).build();
        resources.add(client);
        DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(client, config);
        resources.add(0, persistence);

        // when
        persistence.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));

        // then: the table's creation and the append
        assertThat(telemetry.awsRequests()).extracting(AwsRequest::operation)
                .contains("CreateTable", "TransactWriteItems");
        assertThat(telemetry.awsRequests()).allSatisfy(r -> assertThat(r.resources()).contains(config.tableName()));
    }

    @Test
    void theIndexersLagIsAGaugeWhileItRunsAndGoneOnceItStopped() {
        // given
        DynamoDbConfig config = table(FeedMode.IN_PROCESS);
        DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(config);

        // when / then
        try {
            assertThat(telemetry.gauge(Meter.INDEXER_LAG)).hasValueSatisfying(lag -> assertThat(lag).isNotNegative());
        } finally {
            persistence.close();
        }
        assertThat(telemetry.gauge(Meter.INDEXER_LAG)).isEmpty();
    }

    /** A new table, created by the store, whose requests report to {@link #telemetry}. */
    private DynamoDbConfig table(FeedMode feedMode) {
        DynamoDbConfig config = moto.newTable().toBuilder().feedMode(feedMode).telemetry(telemetry).build();
        tables.add(config.tableName());
        if (feedMode != FeedMode.OFF) {
            tables.add(config.feedTableName());
        }
        return config;
    }

    private DynamoDbEventPersistence persistence(DynamoDbConfig config) {
        DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(config);
        resources.add(0, persistence);
        return persistence;
    }
}
