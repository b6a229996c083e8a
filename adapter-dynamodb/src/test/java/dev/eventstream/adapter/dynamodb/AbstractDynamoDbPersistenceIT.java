package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventMetadata;
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
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.Snapshot;
import dev.eventstream.core.SnapshotStore;
import dev.eventstream.testkit.EventPersistenceContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    @Test
    void anEventWithoutMetadataOrRevisionStoresNeitherAttributeAndOneWithThemStoresBoth() {
        // given
        EventStream stream = newStream();
        EventMetadata metadata = EventMetadata.correlatedWith("order-42").withHeader("tenant", "acme");

        // when
        stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("PLAIN", Map.of("n", 1)),
                NewEvent.of("DESCRIBED", Map.of("n", 2)).withMetadata(metadata).withRevision(7)));

        // then: the defaults cost nothing, the rest is the metadata's JSON text and the revision's number
        String table = currentTable().tableName();
        assertThat(engine().item(table, stream.key().asString(), 1))
                .doesNotContainKeys(EventItem.META, EventItem.REV);
        Map<String, AttributeValue> described = engine().item(table, stream.key().asString(), 2);
        assertThat(described.get(EventItem.META)).isEqualTo(AttributeValue.fromS(metadata.toJson()));
        assertThat(described.get(EventItem.REV)).isEqualTo(AttributeValue.fromN("7"));
    }

    @Test
    void anEventItemWrittenBeforeMetadataExistedReadsBackWithNoneAndRevisionOneOnEveryPath() {
        // given: an item as the store wrote events before metadata and revisions, pending publication
        Optional<PublicationOutbox> outbox = persistence().enablePublicationTracking();
        StreamKey key = StreamKey.of("orders", "legacy-" + UUID.randomUUID());
        UUID eventId = UUID.randomUUID();
        Instant committed = Instant.parse("2026-11-27T10:15:30.123Z");
        engine().admin().putItem(r -> r.tableName(currentTable().tableName()).item(Map.of(
                EventItem.PK, AttributeValue.fromS(key.asString()),
                EventItem.SEQ, AttributeValue.fromN("1"),
                EventItem.ID, AttributeValue.fromS(eventId.toString()),
                EventItem.TYPE, AttributeValue.fromS("PLACED"),
                EventItem.DATA, AttributeValue.fromS("{\"total\":42}"),
                EventItem.TS, AttributeValue.fromN(Long.toString(committed.toEpochMilli())),
                EventItem.PENDING_PK, AttributeValue.fromS(EventItem.pendingPartition(key.asString())),
                EventItem.PENDING_SK, AttributeValue.fromB(EventItem.pendingSortKey(key.asString(), 1)))));
        EventStream stream = store().getEventStream(key);

        // when
        List<RecordedEvent> read = stream.getEvents();
        List<RecordedEvent> lazily = stream.readEvents().toList();
        List<RecordedEvent> pending = outbox.orElseThrow().pendingPublications(key, 1, 10);
        // a retry of that very append, without metadata, is the same append (the mapped item is compared)
        AppendResult retried = stream.append(ExpectedVersion.noStream(),
                List.of(NewEvent.of(eventId, "PLACED", Map.of("total", 42))));

        // then
        RecordedEvent legacy = RecordedEvent.withPayloadJson(key.aggregation(), key.streamId(), 1, eventId, "PLACED",
                "{\"total\":42}", committed);
        assertThat(read).containsExactly(legacy);
        assertThat(lazily).containsExactly(legacy);
        assertThat(pending).containsExactly(legacy);
        assertThat(retried.events()).containsExactly(legacy);
        assertThat(read.get(0).revision()).isEqualTo(1);
        assertThat(read.get(0).metadata()).isEqualTo(EventMetadata.none());
        assertThat(pending.get(0).revision()).isEqualTo(1);
        assertThat(pending.get(0).metadata()).isEqualTo(EventMetadata.none());
        // and a retry that adds metadata or a revision is another append
        assertThatThrownBy(() -> stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of(eventId, "PLACED",
                Map.of("total", 42)).withRevision(2)))).isInstanceOf(WrongExpectedVersionException.class);
    }

    @Test
    void storedMetadataOrRevisionThatCannotBeReadFailsNamingTheItemNotItsContent() {
        // given: items whose metadata is not JSON, is JSON of another shape, and whose revision is out of range
        StreamKey notJson = StreamKey.of("orders", "damaged-" + UUID.randomUUID());
        StreamKey otherShape = StreamKey.of("orders", "damaged-" + UUID.randomUUID());
        StreamKey badRevision = StreamKey.of("orders", "damaged-" + UUID.randomUUID());
        UUID notJsonId = putEvent(notJson, Map.of(EventItem.META,
                AttributeValue.fromS("{\"correlationId\":\"secret-1")));
        putEvent(otherShape, Map.of(EventItem.META, AttributeValue.fromS("{\"headers\":{\"tenant\":4242}}")));
        putEvent(badRevision, Map.of(EventItem.REV, AttributeValue.fromN("0"),
                EventItem.PENDING_PK, AttributeValue.fromS(EventItem.pendingPartition(badRevision.asString())),
                EventItem.PENDING_SK, AttributeValue.fromB(EventItem.pendingSortKey(badRevision.asString(), 1))));
        PublicationOutbox outbox = persistence().enablePublicationTracking().orElseThrow();

        // when / then: the Query reads
        assertThatThrownBy(() -> store().getEventStream(notJson).getEvents())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("metadata (" + EventItem.META + ") of item " + notJson.asString() + "/1")
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> store().getEventStream(otherShape).readEvents().toList())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("metadata (" + EventItem.META + ") of item " + otherShape.asString() + "/1")
                .hasMessageContaining("header tenant must be a string")
                .hasMessageNotContaining("4242");
        assertThatThrownBy(() -> store().getEventStream(badRevision).getEvents())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revision (" + EventItem.REV + ") of item " + badRevision.asString() + "/1");
        // and the mapped reads: the outbox's, and a retry's comparison with what is stored
        assertThatThrownBy(() -> outbox.pendingPublications(badRevision, 1, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revision (" + EventItem.REV + ") of item " + badRevision.asString() + "/1");
        assertThatThrownBy(() -> store().getEventStream(notJson).append(ExpectedVersion.noStream(), List.of(
                NewEvent.of(notJsonId, "PLACED", Map.of()).withMetadata(EventMetadata.correlatedWith("c-1")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("metadata (" + EventItem.META + ") of item " + notJson.asString() + "/1")
                .hasMessageNotContaining("secret");
    }

    /**
     * A raw first event item of type PLACED and payload {}, as another writer of the table could leave it, with
     * {@code extra} attributes; returns its event id.
     */
    private UUID putEvent(StreamKey key, Map<String, AttributeValue> extra) {
        UUID eventId = UUID.randomUUID();
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                EventItem.PK, AttributeValue.fromS(key.asString()),
                EventItem.SEQ, AttributeValue.fromN("1"),
                EventItem.ID, AttributeValue.fromS(eventId.toString()),
                EventItem.TYPE, AttributeValue.fromS("PLACED"),
                EventItem.DATA, AttributeValue.fromS("{}"),
                EventItem.TS, AttributeValue.fromN("1764237330123")));
        item.putAll(extra);
        engine().admin().putItem(r -> r.tableName(currentTable().tableName()).item(item));
        return eventId;
    }
}
