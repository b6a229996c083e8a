package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.HistoryFold;
import dev.eventstream.core.LeaseStore;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.Snapshot;
import dev.eventstream.testkit.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * The feed's indexer on moto: an events table with a stream, real appends, the indexer's own Streams reads, and
 * test doubles for the feed's chunks and the leases. Every committed event must end up in the feed exactly once,
 * at dense positions, each stream's events in order, whatever the stream delivers twice or late and whichever
 * indexer holds the lease.
 */
class StreamsIndexerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Short lease and polls so that takeovers happen within seconds. */
    private static final IndexerSettings SETTINGS = IndexerSettings.DEFAULT
            .withLease(Duration.ofSeconds(1), Duration.ofMillis(200))
            .withIdlePoll(Duration.ofMillis(50))
            .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(500));

    private final TestEngine moto = TestEngine.moto();
    private final StreamedEventTable table = new StreamedEventTable(moto);
    private final FakeFeedChunks chunks = new FakeFeedChunks();
    private final FakeLeaseStore leases = new FakeLeaseStore(Clock.systemUTC());
    private final AtomicInteger advances = new AtomicInteger();
    private final AtomicInteger tableReads = new AtomicInteger();
    private final List<StreamsIndexer> indexers = new ArrayList<>();
    private final List<RecordedEvent> appended = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        indexers.forEach(StreamsIndexer::close);
        table.close();
    }

    private StreamsIndexer indexer(String name, StreamsFaults streams) {
        TableEvents events = (stream, from, max) -> {
            tableReads.incrementAndGet();
            return table.persistence().read(stream, from, max);
        };
        StreamsIndexer indexer = new StreamsIndexer(streams.client(), table.streamArn(), chunks.writer(name), leases,
                events, scan(), advances::incrementAndGet, Clock.systemUTC(), SETTINGS, name);
        indexers.add(indexer);
        return indexer;
    }

    /** The events table's scan on the store's own client, as the store's indexer does it. */
    private EventScan scan() {
        return new DynamoDbEventScan(table.persistence().client(), table.tableName());
    }

    private StreamsIndexer started(String name, StreamsFaults streams) {
        StreamsIndexer indexer = indexer(name, streams);
        indexer.start();
        return indexer;
    }

    private List<RecordedEvent> append(StreamKey stream, String... types) {
        List<NewEvent> events = new ArrayList<>();
        for (String type : types) {
            events.add(NewEvent.of(type, Map.of("n", appended.size() + events.size())));
        }
        List<RecordedEvent> stored = table.persistence().append(stream, ExpectedVersion.any(), events).events();
        appended.addAll(stored);
        return stored;
    }

    /** Appends {@code count} single events, round robin over {@code streams}. */
    private void appendRoundRobin(int count, StreamKey... streams) {
        for (int i = 0; i < count; i++) {
            append(streams[i % streams.length], "E" + i);
        }
    }

    private void awaitIndexed(int count) {
        Await.until(WAIT, () -> count + " entries are indexed; there are " + chunks.size(),
                () -> chunks.size() >= count);
    }

    /** The feed holds what was appended, each event once, each stream in sequence order, and nothing else. */
    private void assertFeedHoldsEachAppendedEventOnceInStreamOrder() {
        List<FeedPointer> feed = chunks.entries();
        assertThat(chunks.violations()).isEmpty();
        assertThat(feed).extracting(FeedPointer::eventId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(appended.stream().map(RecordedEvent::eventId).toList());
        Map<StreamKey, List<Long>> sequences = new HashMap<>();
        for (FeedPointer entry : feed) {
            sequences.computeIfAbsent(entry.stream(), stream -> new ArrayList<>()).add(entry.sequence());
        }
        sequences.forEach((stream, seen) -> assertThat(seen).as("sequences of %s in feed order", stream)
                .isEqualTo(LongRange.from1(seen.size())));
        Map<java.util.UUID, RecordedEvent> byId = new HashMap<>();
        appended.forEach(event -> byId.put(event.eventId(), event));
        for (FeedPointer entry : feed) {
            RecordedEvent event = byId.get(entry.eventId());
            assertThat(entry).isEqualTo(new FeedPointer(event.stream(), event.sequence(), event.eventId(),
                    event.eventType(), event.commitTimestamp().toEpochMilli()));
        }
    }

    private static final class LongRange {
        static List<Long> from1(int count) {
            return IntStream.rangeClosed(1, count).mapToObj(i -> (long) i).toList();
        }
    }

    @Test
    void indexesEveryEventOnceInStreamOrderAndIgnoresMarkersSnapshotsAndUpdates() {
        // given: single events and batches over several streams of two aggregations (their first events also
        // write aggregation markers), a snapshot saved and replaced, and publication marks (updates of events)
        PublicationOutbox outbox = table.persistence().enablePublicationTracking().orElseThrow();
        StreamKey order1 = StreamKey.of("orders", "1");
        StreamKey order2 = StreamKey.of("orders", "2");
        StreamKey user1 = StreamKey.of("users", "1");
        appendRoundRobin(7, order1, order2, user1);
        append(order2, "B1", "B2", "B3");
        append(user1, "C1", "C2");
        appendRoundRobin(5, user1, order1);
        var snapshots = table.persistence().snapshots().orElseThrow();
        List<RecordedEvent> order1Events = table.persistence().read(order1, 1, Long.MAX_VALUE);
        snapshots.save(order1, new Snapshot(HistoryFold.of(order1Events.subList(0, 2)), order1Events.get(1).eventId()));
        snapshots.save(order1, new Snapshot(HistoryFold.of(order1Events), order1Events.get(order1Events.size() - 1)
                .eventId()));
        outbox.markPublished(table.persistence().read(order2, 1, Long.MAX_VALUE));
        // a last event after everything else: once it is indexed, every record before it was read
        append(StreamKey.of("payments", "1"), "LAST");

        // when
        StreamsIndexer indexer = started("a", table.streamsClient());
        awaitIndexed(appended.size());
        Await.until(WAIT, () -> "the indexer has read everything", () -> indexer.lag().isZero());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(chunks.size()).isEqualTo(appended.size());
        assertThat(chunks.entries().get(chunks.size() - 1).eventType()).isEqualTo("LAST");
        assertThat(indexer.holdsLease()).isTrue();
        assertThat(advances.get()).isEqualTo(chunks.chunks().size());
        assertThat(tableReads).as("reads of the events table, with every record in order").hasValue(0);
    }

    @Test
    void aNewIndexerGoesOnFromTheTailWithNothingTwiceOrSkipped() {
        // given: a first indexer indexed some events and stopped
        StreamKey a = StreamKey.of("orders", "a");
        StreamKey b = StreamKey.of("orders", "b");
        appendRoundRobin(6, a, b);
        StreamsIndexer first = started("first", table.streamsClient());
        awaitIndexed(6);
        first.close();
        assertThat(leases.holder(StreamsIndexer.LEASE)).isNull();
        append(a, "A1", "A2");
        appendRoundRobin(5, b, StreamKey.of("orders", "c"));

        // when
        started("second", table.streamsClient());
        awaitIndexed(appended.size());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(chunks.chunks()).extracting(FakeFeedChunks.Chunk::writer).startsWith("first").endsWith("second");
        append(a, "AFTER");
        awaitIndexed(appended.size());
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
    }

    @Test
    void recordsTheStreamDeliversAgainAreIndexedOnce() {
        // given: iterators that include the checkpoint's record, and every answer repeating the previous one
        StreamKey a = StreamKey.of("orders", "a");
        appendRoundRobin(5, a, StreamKey.of("orders", "b"));
        StreamsIndexer first = started("first", table.streamsClient().inclusiveAfterSequenceNumber()
                .replayEachBatch());
        awaitIndexed(5);
        first.close();
        append(a, "X1", "X2");

        // when: a second indexer starts at the stored checkpoint, whose record the stream gives it again
        started("second", table.streamsClient().inclusiveAfterSequenceNumber().replayEachBatch());
        append(a, "X3");
        awaitIndexed(appended.size());
        append(StreamKey.of("orders", "c"), "LAST");
        awaitIndexed(appended.size());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
    }

    @Test
    void anEventRemovedAndWrittenAgainIsNotIndexedAgain() {
        // given: an indexed event, then its item deleted and put back (a REMOVE and a second INSERT record)
        StreamKey stream = StreamKey.of("orders", "1");
        appendRoundRobin(3, stream);
        started("a", table.streamsClient());
        awaitIndexed(3);
        Map<String, AttributeValue> key = Map.of(EventItem.PK, AttributeValue.fromS(stream.asString()),
                EventItem.SEQ, AttributeValue.fromN("2"));
        Map<String, AttributeValue> item = moto.item(table.tableName(), stream.asString(), 2);
        moto.admin().deleteItem(r -> r.tableName(table.tableName()).key(key));
        moto.admin().putItem(r -> r.tableName(table.tableName()).item(item));

        // when
        append(stream, "LAST");
        awaitIndexed(appended.size());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(chunks.size()).isEqualTo(4);
    }

    @Test
    void anEventWhoseRecordComesAfterItsSuccessorsIsReadFromTheTableAndIndexedBeforeThem() {
        // given: the records of event 2 of a stream held back until after event 3's (as from another shard)
        StreamKey stream = StreamKey.of("orders", "1");
        StreamKey other = StreamKey.of("orders", "2");
        StreamsFaults streams = table.streamsClient().holdBack(record -> record.dynamodb().hasNewImage()
                && stream.asString().equals(record.dynamodb().newImage().get(EventItem.PK).s())
                && "2".equals(record.dynamodb().newImage().get(EventItem.SEQ).n()));
        append(stream, "S1");
        append(stream, "S2");
        append(stream, "S3");
        append(other, "O1");

        // when
        started("a", streams);
        awaitIndexed(appended.size());
        append(other, "LAST");
        awaitIndexed(appended.size());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(chunks.entries()).extracting(FeedPointer::eventType).startsWith("S1", "S2", "S3");
        assertThat(tableReads).hasValue(1);
    }

    @Test
    void onlyTheLeaseHolderWritesAndAnotherTakesOverWhenItClosesOrHangs() {
        // given: two indexers; one takes the lease
        StreamsFaults streamsOfA = table.streamsClient();
        StreamsFaults streamsOfB = table.streamsClient();
        StreamsIndexer a = started("a", streamsOfA);
        StreamsIndexer b = started("b", streamsOfB);
        appendRoundRobin(6, StreamKey.of("orders", "1"), StreamKey.of("orders", "2"));
        awaitIndexed(6);
        StreamsIndexer holder = a.holdsLease() ? a : b;
        StreamsIndexer standby = holder == a ? b : a;
        StreamsFaults holderStreams = holder == a ? streamsOfA : streamsOfB;
        assertThat(standby.holdsLease()).isFalse();
        assertThat(chunks.attemptsBy(standby.owner())).isZero();

        // when: the holder hangs (as a process that stopped dead: no renewal, no release)
        holderStreams.freeze();
        appendRoundRobin(4, StreamKey.of("orders", "1"), StreamKey.of("orders", "3"));
        Await.until(WAIT, () -> "the standby takes over", standby::holdsLease);
        awaitIndexed(10);

        // then: the hung one, coming back, finds its position taken and writes nothing
        int writtenBeforeThaw = chunks.writtenBy(holder.owner());
        holderStreams.thaw();
        Await.until(WAIT, () -> "the former holder sees it lost the lease", () -> !holder.holdsLease());
        append(StreamKey.of("orders", "2"), "AFTER-THAW");
        awaitIndexed(11);
        assertThat(chunks.writtenBy(holder.owner())).isEqualTo(writtenBeforeThaw);

        // when: the new holder closes, the other takes over at once (the lease is released)
        standby.close();
        Await.until(WAIT, () -> "the first holder takes the lease again", holder::holdsLease);
        append(StreamKey.of("orders", "3"), "LAST");
        awaitIndexed(appended.size());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(chunks.size()).isEqualTo(appended.size());
    }

    @Test
    void failingStreamsAndChunkWritesDelayIndexingButLoseAndRepeatNothing() {
        // given: GetRecords failing (throttled, then records trimmed), then a chunk write failing, then one whose
        // answer is lost although it was stored
        StreamsFaults streams = table.streamsClient();
        streams.failNext(2, () -> LimitExceededException.builder().message("slow down (test)").build());
        StreamsIndexer indexer = started("a", streams);
        appendRoundRobin(4, StreamKey.of("orders", "1"), StreamKey.of("orders", "2"));
        awaitIndexed(4);
        streams.failNext(1, () -> TrimmedDataAccessException.builder().message("trimmed (test)").build());
        chunks.failNextWrites(1, false);
        appendRoundRobin(3, StreamKey.of("orders", "1"));
        awaitIndexed(7);
        chunks.failNextWrites(1, true);

        // when
        appendRoundRobin(3, StreamKey.of("orders", "2"), StreamKey.of("orders", "3"));
        awaitIndexed(10);
        append(StreamKey.of("orders", "4"), "LAST");
        awaitIndexed(appended.size());

        // then
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
        assertThat(chunks.size()).isEqualTo(appended.size());
        assertThat(indexer.holdsLease()).isTrue();
    }

    @Test
    void anIndexerThatCannotRenewItsLeaseStopsWritingAndAnotherTakesOver() {
        // given: the holder's lease requests start failing (its storage is unreachable for it alone)
        FailingLeases leasesOfA = new FailingLeases(leases);
        StreamsIndexer a = new StreamsIndexer(table.streamsClient().client(), table.streamArn(), chunks.writer("a"),
                leasesOfA, table.persistence()::read, scan(), () -> {}, Clock.systemUTC(), SETTINGS, "a");
        indexers.add(a);
        a.start();
        appendRoundRobin(3, StreamKey.of("orders", "1"));
        awaitIndexed(3);
        leasesOfA.failing = true;
        Await.until(WAIT, () -> "the holder gives the lease up", () -> !a.holdsLease());
        int writtenByA = chunks.writtenBy("a");

        // when
        started("b", table.streamsClient());
        appendRoundRobin(3, StreamKey.of("orders", "1"), StreamKey.of("orders", "2"));
        awaitIndexed(appended.size());

        // then
        assertThat(chunks.writtenBy("a")).isEqualTo(writtenByA);
        assertThat(chunks.writtenBy("b")).isPositive();
        assertFeedHoldsEachAppendedEventOnceInStreamOrder();
    }

    @Test
    void closeReturnsAndReleasesTheLeaseWhileTheThreadHangsInARequest() {
        // given
        StreamsFaults streams = table.streamsClient();
        StreamsIndexer indexer = new StreamsIndexer(streams.client(), table.streamArn(), chunks.writer("a"), leases,
                table.persistence()::read, scan(), () -> {}, Clock.systemUTC(),
                SETTINGS.withCloseTimeout(Duration.ofMillis(100)), "a");
        indexers.add(indexer);
        indexer.start();
        Await.until(WAIT, () -> "the indexer holds the lease", indexer::holdsLease);
        streams.freeze();
        Await.until(WAIT, () -> "the indexer hangs in a request", () -> streams.frozenCalls() > 0);

        // when
        indexer.close();

        // then
        assertThat(leases.holder(StreamsIndexer.LEASE)).isNull();
        assertThat(indexer.holdsLease()).isFalse();
        streams.thaw();
    }

    /** The lease store as one process sees it: it can be cut off from it. */
    private static final class FailingLeases implements LeaseStore {
        private final LeaseStore delegate;
        volatile boolean failing;

        FailingLeases(LeaseStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean tryAcquire(String name, String owner, Duration duration) {
            if (failing) {
                throw new IllegalStateException("lease storage unreachable (test)");
            }
            return delegate.tryAcquire(name, owner, duration);
        }

        @Override
        public void release(String name, String owner) {
            if (failing) {
                throw new IllegalStateException("lease storage unreachable (test)");
            }
            delegate.release(name, owner);
        }
    }
}
