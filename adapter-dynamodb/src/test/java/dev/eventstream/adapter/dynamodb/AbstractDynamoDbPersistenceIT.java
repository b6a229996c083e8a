package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.History;
import dev.eventstream.api.Json;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.HistoryFold;
import dev.eventstream.core.Snapshot;
import dev.eventstream.core.SnapshotStore;
import dev.eventstream.testkit.EventPersistenceContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The contract suite and the DynamoDB-specific behaviour, on one engine: each test gets its own table, created by
 * the store and dropped afterwards. A concrete subclass names the engine.
 */
abstract class AbstractDynamoDbPersistenceIT extends EventPersistenceContract {
    private final List<String> tables = new ArrayList<>();
    private final List<EventPersistence> extraPersistences = new ArrayList<>();

    /** The engine of this run. */
    protected abstract TestEngine engine();

    @Override
    protected EventPersistence createPersistence() {
        DynamoDbConfig config = engine().newTable();
        tables.add(config.tableName());
        return new DynamoDbEventPersistence(config);
    }

    /** A second persistence on the table of the running test, as another process would open it. */
    protected DynamoDbEventPersistence anotherProcess(DynamoDbConfig settings) {
        DynamoDbEventPersistence other = new DynamoDbEventPersistence(settings);
        extraPersistences.add(other);
        return other;
    }

    @AfterEach
    void dropTables() {
        extraPersistences.forEach(EventPersistence::close);
        tables.forEach(engine()::deleteTable);
    }

    private DynamoDbConfig currentTable() {
        return engine().newTable().withTableName(tables.get(tables.size() - 1));
    }

    @Test
    void eventsGetAnExpiryOfCommitPlusTtlInEpochSecondsWhenTtlIsSet() {
        // given
        DynamoDbConfig settings = currentTable().withTtl(Duration.ofDays(7));
        EventStream stream = new DefaultEventStore(anotherProcess(settings)).getEventStream("orders", "ttl-1");

        // when
        RecordedEvent event = stream.addEvent("PLACED", Map.of());

        // then
        Map<String, AttributeValue> item =
                engine().item(settings.tableName(), event.stream().asString(), event.sequence());
        long expected = event.commitTimestamp().plus(Duration.ofDays(7)).toEpochMilli();
        assertThat(Long.parseLong(item.get(EventItem.EXP).n())).isEqualTo((expected + 999) / 1000);
    }

    @Test
    void eventsCarryNoExpiryWithoutTtl() {
        // given
        EventStream stream = newStream();

        // when
        RecordedEvent event = stream.addEvent("PLACED", Map.of());

        // then
        assertThat(engine().item(currentTable().tableName(), event.stream().asString(), 1))
                .containsKeys(EventItem.PK, EventItem.SEQ, EventItem.TS)
                .doesNotContainKey(EventItem.EXP);
    }

    @Test
    void aFirstAppendOfAFullBatchListsItsStreamAndAggregation() {
        // given: a full batch leaves no room in its transaction for the aggregation's marker
        EventStream stream = store().getEventStream("invoices", "full-1");

        // when
        AppendResult result = stream.append(ExpectedVersion.noStream(),
                IntStream.range(0, Limits.MAX_EVENTS_PER_APPEND).mapToObj(i -> NewEvent.of("LINE", Map.of("n", i)))
                        .toList());

        // then
        assertThat(result.version()).isEqualTo(Limits.MAX_EVENTS_PER_APPEND);
        assertThat(store().getAggregations(0, 10)).containsExactly("invoices");
        assertThat(store().getStreams("invoices", 0, 10)).containsExactly("full-1");
    }

    @Test
    void writersInTwoProcessesKeepOneGapFreeSequence() {
        // given: two persistences on one table, each with its own view of the stream's version
        DefaultEventStore first = store();
        DefaultEventStore second = new DefaultEventStore(anotherProcess(currentTable()));
        StreamKey key = StreamKey.of("orders", "shared-1");
        first.getEventStream(key).addEvent("PLACED", Map.of());

        // when: each appends while the other's view is stale
        second.getEventStream(key).addEvent("PAID", Map.of());
        first.getEventStream(key).addEvent("PACKED", Map.of());
        second.getEventStream(key).addEvent("SENT", Map.of());

        // then
        assertThat(first.getEventStream(key).getEvents())
                .extracting(RecordedEvent::sequence, RecordedEvent::eventType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "PLACED"),
                        org.assertj.core.groups.Tuple.tuple(2L, "PAID"),
                        org.assertj.core.groups.Tuple.tuple(3L, "PACKED"),
                        org.assertj.core.groups.Tuple.tuple(4L, "SENT"));
    }

    @Test
    void aSnapshotBelowTheEventsNeitherShowsInReadsNorMovesTheVersion() {
        // given: a stream with a snapshot, opened by a process that knows nothing of it yet
        StreamKey key = StreamKey.of("orders", "snapshotted-1");
        List<RecordedEvent> events = store().getEventStream(key)
                .append(ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of("n", 1)),
                        NewEvent.of("PAID", Map.of("n", 2))))
                .events();
        HistoryFold fold = new HistoryFold();
        events.forEach(fold::apply);
        persistence().snapshots().orElseThrow().save(key, fold.snapshot().orElseThrow());
        DefaultEventStore other = new DefaultEventStore(anotherProcess(currentTable()));

        // when
        RecordedEvent appended = other.getEventStream(key).addEvent("SENT", Map.of("n", 3));

        // then
        assertThat(appended.sequence()).isEqualTo(3);
        assertThat(other.getEventStream(key).getEvents()).extracting(RecordedEvent::sequence)
                .containsExactly(1L, 2L, 3L);
        assertThat(other.getEventStream(key).getEvents(0, 1)).extracting(RecordedEvent::eventType)
                .containsExactly("PLACED");
        assertThatThrownBy(() -> other.getEventStream(key)
                        .append(ExpectedVersion.noStream(), List.of(NewEvent.of("AGAIN", Map.of()))))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class,
                        e -> assertThat(e.actualVersion()).isEqualTo(3));
    }

    @Test
    void aSnapshotWhoseJsonExceedsAnItemIsStoredDeflatedAndLoadsBackTheSame() {
        // given: 80,000 event types drawn from eight, about 900 KB of JSON
        StreamKey key = StreamKey.of("orders", "long-1");
        Random random = new Random(7);
        List<String> types = IntStream.range(0, 80_000).mapToObj(i -> "TYPE_" + random.nextInt(8)).toList();
        Snapshot snapshot = new Snapshot(new History(Instant.parse("2026-11-27T10:00:00Z"), types.size(), types,
                Json.parse("{\"total\":42,\"note\":\"\u00e9t\u00e9\"}")), UUID.randomUUID());
        SnapshotStore snapshots = persistence().snapshots().orElseThrow();

        // when
        snapshots.save(key, snapshot);

        // then
        assertThat(snapshots.load(key)).contains(snapshot);
        Map<String, AttributeValue> item = engine().item(currentTable().tableName(), key.asString(), 0);
        assertThat(ItemSize.of(item)).isLessThan(ItemSize.MAX_ITEM_BYTES / 4);
    }

    @Test
    void aSnapshotOverAnItemEvenDeflatedIsNotStoredAndLoadsAsNone() {
        // given: a merged payload of random text, which deflating barely shrinks
        StreamKey key = StreamKey.of("orders", "random-1");
        byte[] noise = new byte[450 * 1024];
        new Random(11).nextBytes(noise);
        History history = new History(Instant.parse("2026-11-27T10:00:00Z"), 1, List.of("PLACED"),
                Json.toTree(Map.of("noise", Base64.getEncoder().encodeToString(noise)), "payload"));
        SnapshotStore snapshots = persistence().snapshots().orElseThrow();

        // when
        snapshots.save(key, new Snapshot(history, UUID.randomUUID()));

        // then
        assertThat(snapshots.load(key)).isEmpty();
        assertThat(engine().item(currentTable().tableName(), key.asString(), 0)).isEmpty();
    }

    @Test
    void aDamagedSnapshotLoadsAsNoneAndTheStreamStillFolds() {
        // given: a stream, and at its snapshot's place bytes that are not deflated JSON
        StreamKey key = StreamKey.of("orders", "damaged-1");
        EventStream stream = store().getEventStream(key);
        stream.addEvent("PLACED", Map.of("total", 42));
        engine().admin().putItem(r -> r.tableName(currentTable().tableName()).item(Map.of(
                EventItem.PK, AttributeValue.fromS(key.asString()),
                EventItem.SEQ, AttributeValue.fromN("0"),
                EventItem.SNAPSHOT_SEQ, AttributeValue.fromN("1"),
                EventItem.DEFLATED, AttributeValue.fromB(SdkBytes.fromUtf8String("{\"not\":\"deflated\"}")))));

        // when / then
        assertThat(persistence().snapshots().orElseThrow().load(key)).isEmpty();
        assertThat(stream.loadFromHistory().payload().get("total").asInt()).isEqualTo(42);
    }

    @Test
    void staleExactVersionFromAnotherProcessIsRejectedWithTheActualVersion() {
        // given: the other process saw version 1, then this one moved the stream to 2
        StreamKey key = StreamKey.of("orders", "stale-1");
        DefaultEventStore other = new DefaultEventStore(anotherProcess(currentTable()));
        store().getEventStream(key).addEvent("PLACED", Map.of());
        assertThat(other.getEventStream(key).getEvents()).hasSize(1);
        store().getEventStream(key).addEvent("PAID", Map.of());

        // when / then
        assertThatThrownBy(() -> other.getEventStream(key)
                        .append(ExpectedVersion.exactly(1), List.of(NewEvent.of("CANCELLED", Map.of()))))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class,
                        e -> assertThat(e.actualVersion()).isEqualTo(2));
        assertThat(store().getEventStream(key).getEvents()).extracting(RecordedEvent::eventType)
                .containsExactly("PLACED", "PAID");
    }
}
