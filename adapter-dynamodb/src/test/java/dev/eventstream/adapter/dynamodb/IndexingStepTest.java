package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** A shard's records into chunks of the feed, each with the checkpoints reached with its last entry. */
class IndexingStepTest {
    private static final String SHARD = "shardId-1";
    private static final String OTHER_SHARD = "shardId-2";
    private static final StreamKey STREAM = StreamKey.of("orders", "1");
    private static final StreamKey OTHER = StreamKey.of("orders", "2");
    /** Sequence numbers of the shard's records, 22 digits as on DynamoDB: this prefix and the record's index. */
    private static final String RECORD_PREFIX = "1100000000017454";

    private final FakeFeedChunks chunks = new FakeFeedChunks();
    private final AtomicInteger written = new AtomicInteger();
    private final TableEvents table = (stream, from, max) -> LongStream.range(from, from + max)
            .mapToObj(sequence -> RecordedEvent.withPayloadJson(stream.aggregation(), stream.streamId(), sequence,
                    StreamRecords.idOf(stream, sequence), "T", "{}",
                    Instant.ofEpochMilli(StreamRecords.commitMillis(sequence))))
            .toList();

    private IndexingStep step(FeedTail tail) {
        return new IndexingStep(tail, new FeedOrdering(100, table), chunks.writer("step"), written::incrementAndGet);
    }

    private static String sequenceNumber(long index) {
        return RECORD_PREFIX + String.format("%06d", index);
    }

    /** Records 0.. of the shard: the inserts of events {@code fromSequence}.. of {@code stream}. */
    private static List<Record> inserts(StreamKey stream, long fromSequence, int count, long firstIndex) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(StreamRecords.insert(sequenceNumber(firstIndex + i), stream, fromSequence + i, "T"));
        }
        return records;
    }

    private static Record update(long index) {
        return StreamRecords.record(OperationType.MODIFY, sequenceNumber(index),
                StreamRecords.eventItem(OTHER, 1, "T"));
    }

    @Test
    void recordsBecomeChunksOfAtMostHundredEachWithTheCheckpointOfItsLastRecord() {
        // given
        IndexingStep step = step(new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()));

        // when
        boolean indexed = step.index(SHARD, inserts(STREAM, 1, 250, 0));

        // then
        assertThat(indexed).isTrue();
        assertThat(chunks.chunks()).extracting(chunk -> chunk.firstPosition() + "+" + chunk.entries().size() + " "
                + chunk.checkpoints().lastSequenceNumbers())
                .containsExactly(
                        "1+100 {" + SHARD + "=" + sequenceNumber(99) + "}",
                        "101+100 {" + SHARD + "=" + sequenceNumber(199) + "}",
                        "201+50 {" + SHARD + "=" + sequenceNumber(249) + "}");
        assertThat(chunks.entries()).extracting(FeedPointer::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 250).boxed().toList());
        assertThat(step.nextPosition()).isEqualTo(251);
        assertThat(written).hasValue(3);
        assertThat(chunks.chunks().get(2).newestRecordMillis())
                .isEqualTo(IndexingStep.createdMillis(inserts(STREAM, 250, 1, 249).get(0)));
    }

    @Test
    void recordsAtOrBeforeTheShardsCheckpointAreSkipped() {
        // given: the feed holds events 1..5, read up to record 4
        ShardCheckpoints read = ShardCheckpoints.NONE.with(SHARD, sequenceNumber(4));
        List<FeedPointer> stored = LongStream.rangeClosed(1, 5).mapToObj(s -> StreamRecords.pointer(STREAM, s, "T"))
                .toList();
        chunks.writer("before").write(1, stored, read, 0);
        IndexingStep step = step(chunks.tail(100));

        // when: records 2.. come again (an inclusive iterator, a redelivery), of a stream the tail does not name
        step.index(SHARD, inserts(OTHER, 3, 6, 2));

        // then: only records 5.. count
        assertThat(chunks.entries().subList(5, chunks.size())).extracting(FeedPointer::sequence)
                .containsExactly(6L, 7L, 8L);
    }

    @Test
    void recordsAddingNothingMoveTheCheckpointWithTheNextChunk() {
        // given
        IndexingStep step = step(new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()));
        step.index(SHARD, inserts(STREAM, 1, 2, 0));

        // when: a batch of updates only, then one insert on another shard
        step.index(SHARD, List.of(update(2), update(3)));
        assertThat(chunks.chunks()).hasSize(1);
        step.index(OTHER_SHARD, inserts(STREAM, 3, 1, 0));

        // then
        assertThat(chunks.chunks()).hasSize(2);
        assertThat(chunks.chunks().get(1).checkpoints().lastSequenceNumbers())
                .isEqualTo(Map.of(SHARD, sequenceNumber(3), OTHER_SHARD, sequenceNumber(0)));
    }

    @Test
    void aChunkEndingAmongTheEntriesOfOneRecordWaitsWithThatRecordsCheckpoint() {
        // given: 99 events of one stream indexed in this batch, then a record 3 events ahead of another stream's
        IndexingStep step = step(new FeedTail(1, ShardCheckpoints.NONE, 0,
                List.of(StreamRecords.pointer(OTHER, 1, "T"))));
        List<Record> records = new ArrayList<>(inserts(STREAM, 1, 99, 0));
        records.add(StreamRecords.insert(sequenceNumber(99), OTHER, 4, "T"));

        // when
        step.index(SHARD, records);

        // then: events 2 and 3 of the other stream are read from the table; the first chunk ends after 2 with the
        // checkpoint of the record before, the second holds 3 and 4 with the record's own
        assertThat(chunks.chunks()).extracting(chunk -> chunk.entries().size() + " "
                + chunk.checkpoints().of(SHARD).orElseThrow())
                .containsExactly("100 " + sequenceNumber(98), "2 " + sequenceNumber(99));
        assertThat(chunks.entries().subList(98, 102)).extracting(entry -> entry.stream().streamId() + "/"
                + entry.sequence()).containsExactly("1/99", "2/2", "2/3", "2/4");
    }

    @Test
    void aFinishedShardLeavesTheCheckpointsAndItsChildrenEnterThemWithTheNextChunk() {
        // given
        IndexingStep step = step(new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()));
        step.index(SHARD, inserts(STREAM, 1, 1, 0));

        // when
        step.finish(SHARD, List.of("child-a", "child-b"));
        step.index("child-a", inserts(STREAM, 2, 1, 1));

        // then
        assertThat(chunks.chunks().get(1).checkpoints().lastSequenceNumbers())
                .isEqualTo(Map.of("child-a", sequenceNumber(1), "child-b", ""));
    }

    @Test
    void aChunkWhosePositionIsTakenStopsTheStep() {
        // given: another indexer wrote position 1 after this one read the tail
        IndexingStep step = step(new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()));
        chunks.writer("other").write(1, List.of(StreamRecords.pointer(OTHER, 1, "T")), ShardCheckpoints.NONE, 0);

        // when
        boolean indexed = step.index(SHARD, inserts(STREAM, 1, 3, 0));

        // then
        assertThat(indexed).isFalse();
        assertThat(chunks.attemptsBy("step")).isEqualTo(1);
        assertThat(chunks.writtenBy("step")).isZero();
        assertThat(step.nextPosition()).isEqualTo(1);
        assertThat(written).hasValue(0);
    }

    @Test
    void sequenceNumbersCompareAsNumbers() {
        assertThat(IndexingStep.isAfter("100", "99")).isTrue();
        assertThat(IndexingStep.isAfter("99", "100")).isFalse();
        assertThat(IndexingStep.isAfter("100", "100")).isFalse();
        assertThat(IndexingStep.isAfter("1", "")).isTrue();
        assertThat(IndexingStep.isAfter("49624230304342000000000000000000000001",
                "49624230304342000000000000000000000000")).isTrue();
    }

    @Test
    void aRemovalMovesTheCheckpointWithoutAnEntry() {
        IndexingStep step = step(new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()));
        Record removal = StreamRecords.record(OperationType.REMOVE, sequenceNumber(0), Map.of(
                EventItem.PK, AttributeValue.fromS(STREAM.asString()), EventItem.SEQ, AttributeValue.fromN("1")));
        assertThat(step.index(SHARD, List.of(removal))).isTrue();
        assertThat(chunks.chunks()).isEmpty();
        assertThat(step.checkpoints().of(SHARD)).contains(sequenceNumber(0));
    }

    @Test
    void withoutAShardIdTheCheckpointsStayAsTheyAreAndRecordsDeliveredAgainAreSkippedByTheirStreamsOrder() {
        // given: checkpoints of a shard some other indexer read
        ShardCheckpoints stored = ShardCheckpoints.NONE.with(OTHER_SHARD, sequenceNumber(7));
        IndexingStep step = step(new FeedTail(1, stored, 0, List.of()));
        List<Record> first = inserts(STREAM, 1, 3, 0);

        // when: a batch, the same batch again, then one that repeats its last record and goes on
        assertThat(step.index(null, first)).isTrue();
        assertThat(step.index(null, first)).isTrue();
        List<Record> next = new ArrayList<>(first.subList(2, 3));
        next.addAll(inserts(STREAM, 4, 2, 3));
        assertThat(step.index(null, next)).isTrue();

        // then
        assertThat(chunks.entries()).extracting(FeedPointer::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chunks.chunks()).extracting(FakeFeedChunks.Chunk::checkpoints).containsOnly(stored);
        assertThat(step.checkpoints()).isEqualTo(stored);
    }

    @Test
    void withoutAShardIdARecordNotAfterTheOneBeforeItInTheBatchIsSkipped() {
        // given: a batch delivering a record twice in a row, and one going back
        IndexingStep step = step(new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()));
        List<Record> records = new ArrayList<>(inserts(OTHER, 1, 2, 5));
        records.add(records.get(1));
        records.add(StreamRecords.insert(sequenceNumber(3), STREAM, 1, "T"));

        // when
        assertThat(step.index(null, records)).isTrue();

        // then: the record going back is not read (a shard's records only grow)
        assertThat(chunks.entries()).extracting(entry -> entry.stream().streamId() + "/" + entry.sequence())
                .containsExactly("2/1", "2/2");
    }
}
