package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.testkit.Concurrently.runConcurrently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.testkit.Await;
import dev.eventstream.testkit.moto.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writers of the feed table racing each other, as indexers and consumer group instances in several processes do,
 * on the moto server that serves one request at a time, whose conditions hold as DynamoDB's do. Each simulated
 * process has its own lease store, so its own observations of who renews.
 */
class DynamoDbFeedRacesIT {
    private static final TestEngine ENGINE = new TestEngine(MotoServer.oneRequestAtATime().endpoint());
    private static final Duration LONG = Duration.ofSeconds(30);

    private DynamoDbConfig config;
    private DynamoDbEventPersistence persistence;
    private DynamoDbFeedStorage storage;

    @BeforeEach
    void createTables() {
        config = ENGINE.newTable().withFeedMode(FeedMode.EXTERNAL);
        persistence = new DynamoDbEventPersistence(config);
        storage = (DynamoDbFeedStorage) persistence.feed().orElseThrow();
    }

    @AfterEach
    void dropTables() {
        persistence.close();
        ENGINE.deleteTable(config.tableName());
        ENGINE.deleteTable(config.feedTableName());
    }

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    @Test
    void ofIndexersWritingAChunkAtTheSamePositionExactlyOneWinsAndItsChunkIsTheFeed() {
        // given: each writer's own entries and checkpoints
        List<RecordedEvent> events = persistence.append(StreamKey.of("orders", "1"), ExpectedVersion.noStream(),
                IntStream.range(0, 6).mapToObj(i -> NewEvent.of("PLACED", Map.of("n", i))).toList()).events();
        int writers = 6;

        // when
        List<Boolean> written = runConcurrently(writers, writer -> storage.chunks().write(1,
                List.of(pointer(events.get(writer))), ShardCheckpoints.NONE.with("shard", "" + writer), 0));

        // then
        assertThat(written).containsOnlyOnce(true);
        int winner = written.indexOf(true);
        FeedTail tail = storage.chunks().tail(10);
        assertThat(tail.nextPosition()).isEqualTo(2);
        assertThat(tail.recentEntries()).containsExactly(pointer(events.get(winner)));
        assertThat(tail.checkpoints()).isEqualTo(ShardCheckpoints.NONE.with("shard", "" + winner));
    }

    @Test
    void ofProcessesRacingForAFreeLeaseExactlyOneHoldsIt() {
        for (String lease : List.of("indexer", "group:balances", "group:audit")) {
            // when
            List<Boolean> acquired = runConcurrently(6, process ->
                    newLeases().tryAcquire(lease, "process-" + process, LONG));

            // then
            assertThat(acquired).as("holders of %s", lease).containsOnlyOnce(true);
        }
    }

    @Test
    void aHolderRenewsItsLeaseAndOthersDoNotGetIt() {
        // given
        DynamoDbLeases first = newLeases();
        DynamoDbLeases second = newLeases();
        assertThat(first.tryAcquire("indexer", "first", LONG)).isTrue();

        // when / then
        assertThat(second.tryAcquire("indexer", "second", LONG)).isFalse();
        assertThat(first.tryAcquire("indexer", "first", LONG)).isTrue();
        assertThat(second.tryAcquire("indexer", "second", LONG)).isFalse();
    }

    @Test
    void aLeaseNotRenewedForItsDurationIsTakenOverAndItsFormerHolderLearnsItLostIt() {
        // given: a holder that stops renewing a lease of 1 second
        DynamoDbLeases holder = newLeases();
        DynamoDbLeases standby = newLeases();
        Duration duration = Duration.ofSeconds(1);
        assertThat(holder.tryAcquire("indexer", "holder", duration)).isTrue();
        assertThat(standby.tryAcquire("indexer", "standby", duration)).isFalse();

        // when
        Await.until(Duration.ofSeconds(20), () -> "the standby takes the lease over", () -> {
            sleep(100);
            return standby.tryAcquire("indexer", "standby", duration);
        });

        // then
        assertThat(holder.tryAcquire("indexer", "holder", duration)).isFalse();
        assertThat(standby.tryAcquire("indexer", "standby", duration)).isTrue();
    }

    @Test
    void aRenewalSeenBeforeTheDurationEndsKeepsTheLeaseFromATakeover() {
        // given: a standby whose clock is moved by hand
        AtomicLong standbyClock = new AtomicLong();
        DynamoDbLeases holder = newLeases();
        DynamoDbLeases standby = new DynamoDbLeases(persistence.client(), config.feedTableName(), standbyClock::get);
        Duration duration = Duration.ofSeconds(10);
        assertThat(holder.tryAcquire("indexer", "holder", duration)).isTrue();
        assertThat(standby.tryAcquire("indexer", "standby", duration)).isFalse();

        // when: the holder renews, and the standby looks again after more than the duration
        assertThat(holder.tryAcquire("indexer", "holder", duration)).isTrue();
        standbyClock.addAndGet(Duration.ofSeconds(11).toNanos());

        // then: it sees another version than before, so it waits again from now
        assertThat(standby.tryAcquire("indexer", "standby", duration)).isFalse();
        standbyClock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(standby.tryAcquire("indexer", "standby", duration)).isFalse();
        standbyClock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(standby.tryAcquire("indexer", "standby", duration)).isTrue();
        assertThat(holder.tryAcquire("indexer", "holder", duration)).isFalse();
    }

    @Test
    void ofStandbysTakingOverTheSameExpiredLeaseExactlyOneGetsIt() {
        // given: standbys that each saw the holder's version, then waited past the duration by their clocks
        DynamoDbLeases holder = newLeases();
        Duration duration = Duration.ofSeconds(10);
        assertThat(holder.tryAcquire("indexer", "holder", duration)).isTrue();
        List<AtomicLong> clocks = IntStream.range(0, 5).mapToObj(i -> new AtomicLong()).toList();
        List<DynamoDbLeases> standbys = clocks.stream()
                .map(clock -> new DynamoDbLeases(persistence.client(), config.feedTableName(), clock::get))
                .toList();
        for (int i = 0; i < standbys.size(); i++) {
            assertThat(standbys.get(i).tryAcquire("indexer", "standby-" + i, duration)).isFalse();
        }
        clocks.forEach(clock -> clock.addAndGet(duration.toNanos()));

        // when
        List<Boolean> tookOver = runConcurrently(standbys.size(), i ->
                standbys.get(i).tryAcquire("indexer", "standby-" + i, duration));

        // then
        assertThat(tookOver).containsOnlyOnce(true);
        assertThat(holder.tryAcquire("indexer", "holder", duration)).isFalse();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndOnlyItsHolderReleasesIt() {
        // given
        DynamoDbLeases first = newLeases();
        DynamoDbLeases second = newLeases();
        assertThat(first.tryAcquire("indexer", "first", LONG)).isTrue();

        // when: someone else's release changes nothing, the holder's frees it
        second.release("indexer", "second");
        assertThat(second.tryAcquire("indexer", "second", LONG)).isFalse();
        first.release("indexer", "first");

        // then
        assertThat(second.tryAcquire("indexer", "second", LONG)).isTrue();
        assertThat(first.tryAcquire("indexer", "first", LONG)).isFalse();
    }

    @Test
    void checkpointsAdvancedByInstancesAtOnceEndAtTheFurthestAndNeverGoBack() {
        // when: instances advance to interleaved positions
        runConcurrently(6, instance -> {
            for (int step = 0; step < 5; step++) {
                storage.checkpoints().advance("balances", step * 10L + instance);
            }
            return null;
        });

        // then
        assertThat(storage.checkpoints().load("balances")).hasValue(45);
    }

    private DynamoDbLeases newLeases() {
        return new DynamoDbLeases(persistence.client(), config.feedTableName());
    }

    private static FeedPointer pointer(RecordedEvent event) {
        return new FeedPointer(event.stream(), event.sequence(), event.eventId(), event.eventType(),
                event.commitTimestamp().toEpochMilli());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
