package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.HistoryFold;
import dev.eventstream.core.Snapshot;
import dev.eventstream.testkit.Await;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The indexer rebuilding the feed from the events table on moto, when the stream no longer holds the records after
 * the feed's checkpoint (an indexer down longer than the stream's 24 hours, made to look so by refusing iterators
 * at or before the old checkpoint): the feed ends up with every event once, dense, each stream in order, including
 * the events appended while the rebuild runs and after it.
 */
class FeedRebuildIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final IndexerSettings SETTINGS = IndexerSettings.DEFAULT
            .withLease(Duration.ofSeconds(1), Duration.ofMillis(200))
            .withIdlePoll(Duration.ofMillis(50))
            .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
    private static final StreamKey A = StreamKey.of("orders", "a");
    private static final StreamKey B = StreamKey.of("orders", "b");
    private static final StreamKey C = StreamKey.of("users", "c");

    private final TestEngine moto = TestEngine.moto();
    private final StreamedEventTable table = new StreamedEventTable(moto);
    private final FakeFeedChunks chunks = new FakeFeedChunks();
    private final FakeLeaseStore leases = new FakeLeaseStore(Clock.systemUTC());
    private final List<StreamsIndexer> indexers = new ArrayList<>();
    /** Appended from the test's thread and, during a rebuild, from the indexer's. */
    private final List<RecordedEvent> appended = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEverything() {
        indexers.forEach(StreamsIndexer::close);
        table.close();
    }

    private StreamsIndexer started(String name, StreamsFaults streams) {
        StreamsIndexer indexer = new StreamsIndexer(streams.client(), table.streamArn(), chunks.writer(name), leases,
                table.persistence()::read, new DynamoDbEventScan(table.persistence().client(), table.tableName()),
                () -> {}, Clock.systemUTC(), SETTINGS, name);
        indexers.add(indexer);
        indexer.start();
        return indexer;
    }

    private void append(StreamKey stream, int count) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(NewEvent.of("E" + i, Map.of("n", i)));
        }
        appended.addAll(table.persistence().append(stream, ExpectedVersion.any(), events).events());
    }

    private void awaitIndexed(int count) {
        Await.until(WAIT, () -> count + " entries are indexed; there are " + chunks.size(),
                () -> chunks.size() >= count);
    }

    /** A first indexer indexes some events and stops; returns the feed's checkpoint of the stream's one shard. */
    private String indexSomeAndStop() {
        append(A, 3);
        append(B, 2);
        StreamsIndexer first = started("first", table.streamsClient());
        awaitIndexed(appended.size());
        Await.until(WAIT, () -> "the first indexer read everything", () -> first.lag().isZero());
        first.close();
        Map<String, String> checkpoints = chunks.tail(0).checkpoints().lastSequenceNumbers();
        assertThat(checkpoints).hasSize(1);
        return checkpoints.values().iterator().next();
    }

    private void assertFeedHoldsEachAppendedEventOnceInStreamOrder() {
        List<FeedPointer> feed = chunks.entries();
        assertThat(chunks.violations()).isEmpty();
        assertThat(feed).extracting(FeedPointer::eventId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(appended.stream().map(RecordedEvent::eventId).toList());
        Map<StreamKey, Long> last = new HashMap<>();
        for (FeedPointer entry : feed) {
            assertThat(entry.sequence()).as("%s's entry after %s", entry.stream(), last.get(entry.stream()))
                    .isEqualTo(last.getOrDefault(entry.stream(), 0L) + 1);
            last.put(entry.stream(), entry.sequence());
        }
        Map<UUID, RecordedEvent> byId = new HashMap<>();
        appended.forEach(event -> byId.put(event.eventId(), event));
        for (FeedPointer entry : feed) {
            RecordedEvent event = byId.get(entry.eventId());
            assertThat(entry).isEqualTo(new FeedPointer(event.stream(), event.sequence(), event.eventId(),
                    event.eventType(), event.commitTimestamp().toEpochMilli()));
        }
    }

    private static boolean isAfter(String sequenceNumber, String other) {
        return new BigInteger(sequenceNumber).compareTo(new BigInteger(other)) > 0;
    }

    @Test
    void anIndexerFindingItsCheckpointTrimmedRebuildsTheFeedWithEveryEventOnceInStreamOrder() {
        // given: more events than one chunk holds appended while no indexer ran, and records up to the feed's
        // checkpoint trimmed
        String old = indexSomeAndStop();
        int indexedBefore = chunks.size();
        append(A, 60);
        append(C, 80);
        append(B, 30);
        append(A, 5);
        // events appended as the rebuild starts reading the shard, and once it read the shard's end (their records
        // after the new checkpoint, the events in the table's scan)
        StreamsFaults streams = table.streamsClient().trimmedUpTo(old)
                .onceOnTrimHorizon(() -> append(C, 4))
                .onceOnEmptyPage(() -> append(A, 3));

        // when
        started("second", streams);
        awaitIndexed(appended.size());
        append(B, 2);
        append(StreamKey.of("payments", "1"), 1);
        awaitIndexed(appended.size());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(streams.trimmedAnswers()).isPositive();
        List<FakeFeedChunks.Chunk> written = chunks.chunks().stream()
                .filter(chunk -> chunk.writer().equals("second")).toList();
        assertThat(written).hasSizeGreaterThan(2);
        assertThat(written.get(0).firstPosition()).isEqualTo(indexedBefore + 1);
        assertThat(written.get(0).checkpoints().lastSequenceNumbers()).containsValue(old);
        assertThat(written.get(written.size() - 1).checkpoints().lastSequenceNumbers().values())
                .allMatch(sequence -> isAfter(sequence, old));
    }

    @Test
    void withNothingMissingTheRebuildStoresTheNewCheckpointsInPlaceAndLaterAppendsAreIndexed() {
        // given: after the first indexer stopped, the stream moved on (a snapshot) but no event was appended
        String old = indexSomeAndStop();
        int indexedBefore = chunks.size();
        List<RecordedEvent> events = table.persistence().read(A, 1, 10);
        table.persistence().snapshots().orElseThrow().save(A, new Snapshot(HistoryFold.of(events),
                events.get(events.size() - 1).eventId()));
        StreamsFaults streams = table.streamsClient().trimmedUpTo(old);

        // when
        started("second", streams);
        Await.until(WAIT, () -> "the checkpoints are replaced", () -> chunks.checkpointReplacements() == 1);

        // then
        assertThat(chunks.size()).isEqualTo(indexedBefore);
        assertThat(chunks.tail(0).checkpoints().lastSequenceNumbers().values())
                .allMatch(sequence -> isAfter(sequence, old));
        append(A, 2);
        append(C, 1);
        awaitIndexed(appended.size());
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(chunks.checkpointReplacements()).isEqualTo(1);
        assertThat(streams.trimmedAnswers()).isEqualTo(1);
    }

    @Test
    void aRebuildStoppedAfterItsFirstChunkIsFinishedByTheNextHolder() {
        // given: 250 missing events, and every chunk write after the rebuild's first failing
        String old = indexSomeAndStop();
        append(A, 100);
        append(B, 100);
        append(C, 50);
        chunks.failWritesAfter(1);
        StreamsIndexer second = started("second", table.streamsClient().trimmedUpTo(old));
        Await.until(WAIT, () -> "the second indexer tried to write again after its first rebuild chunk",
                () -> chunks.attemptsBy("second") >= 3);
        second.close();
        assertThat(chunks.writtenBy("second")).isEqualTo(1);
        assertThat(chunks.tail(0).checkpoints().lastSequenceNumbers()).containsValue(old);
        chunks.stopFailing();

        // when
        StreamsFaults streams = table.streamsClient().trimmedUpTo(old);
        started("third", streams);
        awaitIndexed(appended.size());
        append(A, 1);
        awaitIndexed(appended.size());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(streams.trimmedAnswers()).isPositive();
        assertThat(chunks.chunks()).extracting(FakeFeedChunks.Chunk::writer).contains("first", "second", "third");
    }
}
