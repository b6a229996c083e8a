package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence.Sleeper;
import dev.eventstream.adapter.dynamodb.RequestLog.Request;
import dev.eventstream.api.AppendResult;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How an {@code any()} append retries when another process took its position: two persistences on one table, the
 * other one appending while this one pauses between attempts (the pause is where the test acts, so the steps run
 * one after the other and any moto server serves them).
 */
class DynamoDbAnyRetryIT {
    private static final StreamKey STREAM = StreamKey.of("orders", "retried-1");

    private final TestEngine moto = TestEngine.moto();
    private final RequestLog log = new RequestLog();
    private final AtomicInteger pauses = new AtomicInteger();
    private DynamoDbConfig table;
    private DynamoDbEventPersistence other;
    private DynamoDbClient client;

    @BeforeEach
    void openTable() {
        table = moto.newTable();
        other = new DynamoDbEventPersistence(table);
        client = moto.client(log);
    }

    @AfterEach
    void dropTable() {
        other.close();
        client.close();
        moto.deleteTable(table.tableName());
    }

    @Test
    void anAppendThatLostARaceWritesAtTheVersionReadAfterItsPause() {
        // given: this process knows version 1, the other process moved the stream to 2, and appends again
        // whenever this one pauses
        DynamoDbEventPersistence mine = persistence(millis -> {
            pauses.incrementAndGet();
            other.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("OTHER", Map.of())));
        });
        mine.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
        other.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("OTHER", Map.of())));
        log.clear();

        // when
        AppendResult result = mine.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("MINE", Map.of())));

        // then: it lost position 2, paused (the other took 3), read version 3 and took 4
        assertThat(result.version()).isEqualTo(4);
        assertThat(pauses).hasValue(1);
        assertThat(log.requests()).extracting(Request::operation, Request::succeeded).containsExactly(
                tuple("PutItem", false), tuple("Query", true), tuple("PutItem", true));
        assertThat(other.read(STREAM, 1, 10)).extracting(RecordedEvent::sequence, RecordedEvent::eventType)
                .containsExactly(tuple(1L, "PLACED"), tuple(2L, "OTHER"), tuple(3L, "OTHER"), tuple(4L, "MINE"));
    }

    @Test
    void aProcessThatJustLostARaceReadsBeforeItsNextWriteInsteadOfFailingAgain() {
        // given: this process lost a race on the stream and won on its retry; then the other appended again
        DynamoDbEventPersistence mine = persistence(millis -> pauses.incrementAndGet());
        mine.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
        other.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("OTHER", Map.of())));
        mine.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("MINE", Map.of())));
        other.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("OTHER", Map.of())));
        log.clear();
        pauses.set(0);

        // when
        AppendResult result = mine.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("MINE", Map.of())));

        // then: it paused, read the version and wrote once, where at once it would have written at a taken position
        assertThat(result.version()).isEqualTo(5);
        assertThat(pauses).hasValue(1);
        assertThat(log.requests()).extracting(Request::operation, Request::succeeded).containsExactly(
                tuple("Query", true), tuple("PutItem", true));
    }

    @Test
    void aProcessWritingAStreamAloneNeverPausesAndWritesOncePerAppend() {
        // given
        DynamoDbEventPersistence mine = persistence(millis -> pauses.incrementAndGet());
        mine.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
        log.clear();

        // when
        for (int i = 0; i < 5; i++) {
            mine.append(STREAM, ExpectedVersion.any(), List.of(NewEvent.of("PAID", Map.of("n", i))));
        }

        // then
        assertThat(pauses).hasValue(0);
        assertThat(log.requests()).extracting(Request::operation, Request::succeeded)
                .containsOnly(tuple("PutItem", true))
                .hasSize(5);
    }

    private DynamoDbEventPersistence persistence(Sleeper sleeper) {
        return new DynamoDbEventPersistence(client, table.withCreateTable(false), false, sleeper);
    }
}
