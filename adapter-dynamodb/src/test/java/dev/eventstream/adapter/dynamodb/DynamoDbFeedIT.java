package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.EventFeed;
import dev.eventstream.core.FeedPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB feed storage on moto: chunks written straight through {@link DynamoDbFeedChunks} with pointers to
 * events appended through the persistence (the indexer's part, tested apart), read back through the ports.
 */
class DynamoDbFeedIT {
    private final TestEngine moto = TestEngine.moto();
    private DynamoDbConfig config;
    private DynamoDbEventPersistence persistence;
    private DynamoDbFeedStorage storage;
    private FeedChunks chunks;
    private EventFeed feed;

    @BeforeEach
    void createTables() {
        config = moto.newTable().withFeedMode(FeedMode.EXTERNAL);
        persistence = new DynamoDbEventPersistence(config);
        storage = (DynamoDbFeedStorage) persistence.feed().orElseThrow();
        chunks = storage.chunks();
        feed = storage.entries();
    }

    @AfterEach
    void dropTables() {
        persistence.close();
        moto.deleteTable(config.tableName());
        moto.deleteTable(config.feedTableName());
    }

    @Test
    void anEmptyFeedHasNoEntriesAndItsTailStartsAtOne() {
        assertThat(feed.head()).isZero();
        assertThat(feed.read(1, 10, FeedFilter.all())).isEqualTo(new FeedPage(List.of(), 1));
        assertThat(chunks.tail(10)).isEqualTo(new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()));
    }

    @Test
    void theTailIsTheLastChunksEndAndCheckpointsWithAsManyRecentEntriesAsAsked() {
        // given: chunks of 3, 2 and 4 entries
        List<FeedPointer> events = pointers(append(StreamKey.of("orders", "1"), 9));
        ShardCheckpoints last = ShardCheckpoints.NONE.with("shard-1", "300");
        assertThat(chunks.write(1, events.subList(0, 3), ShardCheckpoints.NONE.with("shard-1", "100"), 1_000))
                .isTrue();
        assertThat(chunks.write(4, events.subList(3, 5), ShardCheckpoints.NONE.with("shard-1", "200"), 2_000))
                .isTrue();
        assertThat(chunks.write(6, events.subList(5, 9), last, 3_000)).isTrue();

        // when / then
        assertThat(chunks.tail(0)).isEqualTo(new FeedTail(10, last, 3_000, List.of()));
        assertThat(chunks.tail(5).recentEntries()).isEqualTo(events.subList(4, 9));
        assertThat(chunks.tail(10_000).recentEntries()).isEqualTo(events);
        assertThat(feed.head()).isEqualTo(9);
    }

    @Test
    void aSecondChunkAtATakenPositionIsRefusedAndChangesNothing() {
        // given
        List<FeedPointer> events = pointers(append(StreamKey.of("orders", "1"), 3));
        ShardCheckpoints checkpoints = ShardCheckpoints.NONE.with("shard-1", "100");
        chunks.write(1, events.subList(0, 2), checkpoints, 0);

        // when
        boolean written = chunks.write(1, events.subList(2, 3), ShardCheckpoints.NONE.with("shard-1", "200"), 0);

        // then
        assertThat(written).isFalse();
        assertThat(chunks.tail(10)).isEqualTo(new FeedTail(3, checkpoints, 0, events.subList(0, 2)));
    }

    @Test
    void aRebuildReadsEveryChunksHighestSequencePerStreamAndTheLastChunk() {
        // given: two streams over three chunks, read back by pages of one chunk
        StreamKey a = StreamKey.of("orders", "a");
        StreamKey b = StreamKey.of("orders", "b");
        List<FeedPointer> events = new ArrayList<>(pointers(append(a, 4)));
        events.addAll(pointers(append(b, 2)));
        ShardCheckpoints last = ShardCheckpoints.NONE.with("shard-1", "300");
        chunks.write(1, events.subList(0, 3), ShardCheckpoints.NONE, 1_000);
        chunks.write(4, events.subList(3, 5), ShardCheckpoints.NONE, 2_000);
        chunks.write(6, events.subList(5, 6), last, 3_000);
        AtomicInteger pages = new AtomicInteger();

        // when
        FeedChunks.IndexedStreams indexed = chunks.indexedStreams(pages::incrementAndGet);

        // then
        assertThat(indexed).isEqualTo(new FeedChunks.IndexedStreams(Map.of(a, 4L, b, 2L), 7, 6, 1, last, 3_000));
        assertThat(pages).hasPositiveValue();
        assertThat(chunks.indexedStreams(() -> {})).isEqualTo(indexed);
    }

    @Test
    void anEmptyFeedHasNoIndexedStreams() {
        assertThat(chunks.indexedStreams(() -> {}))
                .isEqualTo(new FeedChunks.IndexedStreams(Map.of(), 1, 0, 0, ShardCheckpoints.NONE, 0));
    }

    @Test
    void theLastChunksCheckpointsAreReplacedInPlaceOnlyWhenItIsTheChunkNamed() {
        // given
        List<FeedPointer> events = pointers(append(StreamKey.of("orders", "1"), 3));
        chunks.write(1, events, ShardCheckpoints.NONE.with("shard-1", "100"), 1_000);
        ShardCheckpoints rebuilt = ShardCheckpoints.NONE.with("shard-2", "900");

        // when / then: another count or position is not the chunk stored
        assertThat(chunks.replaceCheckpoints(1, 2, rebuilt, 5_000)).isFalse();
        assertThat(chunks.replaceCheckpoints(4, 3, rebuilt, 5_000)).isFalse();
        assertThat(chunks.tail(10)).isEqualTo(new FeedTail(4, ShardCheckpoints.NONE.with("shard-1", "100"), 1_000,
                events));
        assertThat(chunks.replaceCheckpoints(1, 3, rebuilt, 5_000)).isTrue();
        assertThat(chunks.tail(10)).isEqualTo(new FeedTail(4, rebuilt, 5_000, events));
        assertThat(feed.read(1, 10, FeedFilter.all()).entries()).hasSize(3);
        assertThat(moto.itemCount(config.feedTableName())).isEqualTo(1);
    }

    @Test
    void theEventScanFindsEveryEventButSnapshotsAndMarkers() {
        // given: events of two aggregations (their markers), a snapshot
        List<RecordedEvent> events = new ArrayList<>(append(StreamKey.of("orders", "1"), 130));
        events.addAll(append(StreamKey.of("users", "1"), 2));
        persistence.snapshots().orElseThrow().save(StreamKey.of("orders", "1"), new dev.eventstream.core.Snapshot(
                dev.eventstream.core.HistoryFold.of(events.subList(0, 2)), events.get(1).eventId()));
        List<FeedPointer> found = new ArrayList<>();
        AtomicInteger pages = new AtomicInteger();

        // when
        new DynamoDbEventScan(persistence.client(), config.tableName()).scan(found::add, pages::incrementAndGet);

        // then
        assertThat(found).containsExactlyInAnyOrderElementsOf(pointers(events));
        assertThat(pages).hasPositiveValue();
    }

    @Test
    void theSameChunkSentAgainCountsAsWrittenSinceItIsWhatIsStored() {
        // given: a write whose answer was lost, sent again
        List<FeedPointer> events = pointers(append(StreamKey.of("orders", "1"), 2));
        ShardCheckpoints checkpoints = ShardCheckpoints.NONE.with("shard-1", "100");
        chunks.write(1, events, checkpoints, 0);

        // when / then
        assertThat(chunks.write(1, events, checkpoints, 0)).isTrue();
        assertThat(chunks.write(1, events, ShardCheckpoints.NONE, 0)).isFalse();
    }

    @Test
    void chunksOutsideWhatAChunkHoldsAreRejectedBeforeAnyWrite() {
        List<FeedPointer> events = pointers(append(StreamKey.of("orders", "1"), 1));
        assertThatThrownBy(() -> chunks.write(0, events, ShardCheckpoints.NONE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firstPosition must be at least 1, was 0");
        assertThatThrownBy(() -> chunks.write(1, List.of(), ShardCheckpoints.NONE, 0))
                .hasMessage("a chunk holds 1 to 100 entries, was 0");
        assertThat(chunks.tail(1).nextPosition()).isEqualTo(1);
    }

    @Test
    void aReadAcrossChunksReturnsEveryEntryInPositionOrderWithTheEventsAsTheStreamReadHasThem() {
        // given: two streams' events in three chunks
        List<RecordedEvent> orders = append(StreamKey.of("orders", "1"), 4);
        List<RecordedEvent> users = append(StreamKey.of("users", "u1"), 3);
        List<RecordedEvent> all = List.of(orders.get(0), users.get(0), orders.get(1), orders.get(2), users.get(1),
                users.get(2), orders.get(3));
        writeChunks(all, 3, 2, 2);

        // when
        FeedPage page = feed.read(1, 100, FeedFilter.all());

        // then
        assertThat(page.nextPosition()).isEqualTo(8);
        assertThat(page.entries()).extracting(FeedEntry::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(page.entries()).extracting(FeedEntry::event).isEqualTo(all);
        assertThat(page.entries().get(0).event().payloadJson()).isEqualTo(orders.get(0).payloadJson());
    }

    @Test
    void aReadFromTheMiddleOfAChunkStartsThereAndEndsAfterMaxEntries() {
        // given
        List<RecordedEvent> events = append(StreamKey.of("orders", "1"), 10);
        writeChunks(events, 4, 4, 2);

        // when
        FeedPage page = feed.read(3, 4, FeedFilter.all());

        // then: positions 3 to 6, from two chunks
        assertThat(page.entries()).extracting(FeedEntry::position).containsExactly(3L, 4L, 5L, 6L);
        assertThat(page.entries()).extracting(FeedEntry::event).isEqualTo(events.subList(2, 6));
        assertThat(page.nextPosition()).isEqualTo(7);
        assertThat(feed.read(10, 5, FeedFilter.all()).entries()).extracting(FeedEntry::position).containsExactly(10L);
        assertThat(feed.read(11, 5, FeedFilter.all())).isEqualTo(new FeedPage(List.of(), 11));
    }

    @Test
    void aFilterKeepsItsEntriesAndThePageStillMovesPastTheOthers() {
        // given
        List<RecordedEvent> orders = append(StreamKey.of("orders", "1"), 3);
        List<RecordedEvent> users = append(StreamKey.of("users", "u1"), 3);
        writeChunks(List.of(orders.get(0), users.get(0), users.get(1), orders.get(1), users.get(2), orders.get(2)), 3,
                3);

        // when
        FeedPage ofOrders = feed.read(1, 100, FeedFilter.aggregations("orders"));
        FeedPage ofType = feed.read(1, 100, new FeedFilter(java.util.Set.of(), java.util.Set.of("TYPE-2")));
        FeedPage none = feed.read(2, 2, FeedFilter.aggregations("orders"));

        // then
        assertThat(ofOrders.entries()).extracting(FeedEntry::position).containsExactly(1L, 4L, 6L);
        assertThat(ofOrders.nextPosition()).isEqualTo(7);
        assertThat(ofType.entries()).extracting(e -> e.event().eventType()).containsOnly("TYPE-2");
        assertThat(ofType.entries()).extracting(FeedEntry::position).containsExactly(5L, 6L);
        assertThat(none).isEqualTo(new FeedPage(List.of(), 4));
    }

    @Test
    void aReadStopsAtAHoleBetweenChunks() {
        // given: chunks at 1 (3 entries) and 10, nothing at 4 to 9
        List<FeedPointer> events = pointers(append(StreamKey.of("orders", "1"), 5));
        chunks.write(1, events.subList(0, 3), ShardCheckpoints.NONE, 0);
        chunks.write(10, events.subList(3, 5), ShardCheckpoints.NONE, 0);

        // when / then
        assertThat(feed.read(1, 100, FeedFilter.all()).nextPosition()).isEqualTo(4);
        assertThat(feed.read(1, 100, FeedFilter.all()).entries()).hasSize(3);
        assertThat(feed.read(4, 100, FeedFilter.all())).isEqualTo(new FeedPage(List.of(), 4));
        assertThat(feed.read(11, 100, FeedFilter.all()).entries()).extracting(FeedEntry::position)
                .containsExactly(11L);
    }

    @Test
    void aPageOfMoreThanOneBatchGetReadsEveryEvent() {
        // given: 250 events of three streams in chunks of 100, 100 and 50
        List<RecordedEvent> events = new ArrayList<>();
        events.addAll(append(StreamKey.of("orders", "1"), 100));
        events.addAll(append(StreamKey.of("orders", "2"), 100));
        events.addAll(append(StreamKey.of("users", "1"), 50));
        writeChunks(events, 100, 100, 50);

        // when
        FeedPage page = feed.read(1, 1_000, FeedFilter.all());

        // then
        assertThat(page.nextPosition()).isEqualTo(251);
        assertThat(page.entries()).extracting(FeedEntry::event).isEqualTo(events);
        assertThat(feed.head()).isEqualTo(250);
    }

    @Test
    void anEntryWhoseEventIsGoneIsPassedOver() {
        // given: an event removed from the events table after it was indexed (as TTL would)
        List<RecordedEvent> events = append(StreamKey.of("orders", "1"), 3);
        writeChunks(events, 3);
        moto.admin().deleteItem(r -> r.tableName(config.tableName()).key(Map.of(
                EventItem.PK, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("6:orders1"),
                EventItem.SEQ, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("2"))));

        // when
        FeedPage page = feed.read(1, 10, FeedFilter.all());

        // then
        assertThat(page.entries()).extracting(FeedEntry::position).containsExactly(1L, 3L);
        assertThat(page.nextPosition()).isEqualTo(4);
    }

    @Test
    void listenersAreCalledWhenTheFeedAdvancesUntilTheyAreClosed() throws Exception {
        // given
        AtomicInteger calls = new AtomicInteger();
        AutoCloseable listener = feed.onAdvance(calls::incrementAndGet);
        feed.onAdvance(() -> {
            throw new IllegalStateException("a reader's failure");
        });

        // when
        storage.advanced();
        listener.close();
        storage.advanced();

        // then
        assertThat(calls).hasValue(1);
    }

    @Test
    void badReadArgumentsAreRejectedNamingThem() {
        assertThatThrownBy(() -> feed.read(0, 10, FeedFilter.all()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fromPosition must be at least 1, was 0");
        assertThatThrownBy(() -> feed.read(1, 0, FeedFilter.all()))
                .hasMessage("maxEntries must be at least 1, was 0");
        assertThatThrownBy(() -> feed.read(1, 1, null)).hasMessage("filter is null");
    }

    @Test
    void aCheckpointOnlyAdvancesAndAResetSetsItEitherWay() {
        var checkpoints = storage.checkpoints();
        assertThat(checkpoints.load("balances")).isEmpty();

        checkpoints.advance("balances", 5);
        checkpoints.advance("balances", 3);
        assertThat(checkpoints.load("balances")).isEqualTo(OptionalLong.of(5));

        checkpoints.advance("balances", 7);
        assertThat(checkpoints.load("balances")).isEqualTo(OptionalLong.of(7));

        checkpoints.reset("balances", 2);
        assertThat(checkpoints.load("balances")).isEqualTo(OptionalLong.of(2));
        checkpoints.advance("balances", 2);
        assertThat(checkpoints.load("balances")).isEqualTo(OptionalLong.of(2));
        assertThat(checkpoints.load("other")).isEmpty();
        assertThatThrownBy(() -> checkpoints.advance("balances", -1))
                .hasMessage("position must be at least 0, was -1");
    }

    @Test
    void parkedEntriesAreListedOldestFirstWithTheirEventsReplacedByPositionAndRemoved() {
        // given
        List<RecordedEvent> events = append(StreamKey.of("orders", "1"), 4);
        Instant at = Instant.parse("2026-12-02T18:00:00.123456789Z");
        ParkedEntry fifth = new ParkedEntry("balances", new FeedEntry(5, events.get(1)), 5, "IllegalStateException: x",
                at);
        ParkedEntry second = new ParkedEntry("balances", new FeedEntry(2, events.get(0)), 3, "Boom: y", at);
        ParkedEntry ninth = new ParkedEntry("balances", new FeedEntry(9, events.get(2)), 1, "E: z", at);
        ParkedEntry otherGroup = new ParkedEntry("audit", new FeedEntry(5, events.get(3)), 1, "E", at);
        var parked = storage.parked();
        List.of(fifth, second, ninth, otherGroup).forEach(parked::park);

        // when / then
        assertThat(parked.list("balances", 10)).containsExactly(second, fifth, ninth);
        assertThat(parked.list("balances", 2)).containsExactly(second, fifth);
        assertThat(parked.list("audit", 10)).containsExactly(otherGroup);

        ParkedEntry again = new ParkedEntry("balances", new FeedEntry(5, events.get(1)), 10, "Later: w", at);
        parked.park(again);
        assertThat(parked.list("balances", 10)).containsExactly(second, again, ninth);

        parked.remove("balances", 5);
        parked.remove("balances", 42);
        assertThat(parked.list("balances", 10)).containsExactly(second, ninth);
        assertThat(parked.list("nobody", 10)).isEmpty();
    }

    private List<RecordedEvent> append(StreamKey stream, int count) {
        List<RecordedEvent> appended = new ArrayList<>();
        for (int from = 0; from < count; from += 100) {
            List<NewEvent> events = IntStream.range(from, Math.min(count, from + 100))
                    .mapToObj(i -> NewEvent.of("TYPE-" + (i % 3), Map.of("n", i, "stream", stream.streamId())))
                    .toList();
            appended.addAll(persistence.append(stream, ExpectedVersion.any(), events).events());
        }
        return appended;
    }

    private static List<FeedPointer> pointers(List<RecordedEvent> events) {
        return events.stream()
                .map(e -> new FeedPointer(e.stream(), e.sequence(), e.eventId(), e.eventType(),
                        e.commitTimestamp().toEpochMilli()))
                .toList();
    }

    /** Writes the events as consecutive chunks of the given sizes from position 1. */
    private void writeChunks(List<RecordedEvent> events, int... sizes) {
        List<FeedPointer> pointers = pointers(events);
        int from = 0;
        for (int size : sizes) {
            assertThat(chunks.write(from + 1, pointers.subList(from, from + size), ShardCheckpoints.NONE, 0)).isTrue();
            from += size;
        }
    }
}
