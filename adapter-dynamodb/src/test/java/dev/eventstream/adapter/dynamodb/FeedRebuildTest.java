package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.StreamKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The rebuild's new checkpoints on a stream whose shard split (a stand-in for DynamoDB Streams: moto has one shard
 * per table), what it appends from a scan, and a lease lost in the middle.
 */
class FeedRebuildTest {
    private static final StreamKey STREAM = StreamKey.of("orders", "1");
    private static final StreamKey OTHER = StreamKey.of("orders", "2");

    private final FakeFeedChunks chunks = new FakeFeedChunks();

    private static Record insert(long sequenceNumber, StreamKey stream, long sequence) {
        return StreamRecords.insert(Long.toString(sequenceNumber), stream, sequence, "T");
    }

    /** Closed parent shard-1 split into shard-2-a (open) and shard-2-b (open, no records); shard-x closed alone. */
    private final SplitStream split = new SplitStream()
            .shard("shard-1", null, true, List.of(insert(1001, STREAM, 1), insert(1002, STREAM, 2)))
            .shard("shard-2-a", "shard-1", false, List.of(insert(2001, STREAM, 3), insert(2002, OTHER, 1)))
            .shard("shard-2-b", "shard-1", false, List.of())
            .shard("shard-x", null, true, List.of(insert(4001, OTHER, 2)));

    private final List<FeedPointer> table = List.of(StreamRecords.pointer(STREAM, 1, "T"),
            StreamRecords.pointer(STREAM, 2, "T"), StreamRecords.pointer(STREAM, 3, "T"),
            StreamRecords.pointer(OTHER, 1, "T"), StreamRecords.pointer(OTHER, 2, "T"));

    private FeedRebuild rebuild(Runnable keepLease) {
        EventScan scan = (sink, eachPage) -> {
            table.forEach(sink);
            eachPage.run();
        };
        return new FeedRebuild(new ShardReader(split, "arn:test"), chunks.writer("test"), scan,
                (stream, from, max) -> List.of(), keepLease, () -> {}, 100, "test");
    }

    @Test
    void theNewCheckpointsHoldTheOpenShardsAndTheClosedOnesWithoutChildrenAtTheirLastRecord() {
        // given: the feed holds STREAM's first event, its checkpoint trimmed
        chunks.writer("old").write(1, List.of(table.get(0)), ShardCheckpoints.NONE.with("shard-0", "5"), 0);

        // when
        FeedRebuild.Result result = rebuild(() -> {}).run().orElseThrow();

        // then
        ShardCheckpoints expected = new ShardCheckpoints(Map.of("shard-2-a", "2002", "shard-2-b", "",
                "shard-x", "4001"));
        assertThat(result.tail().checkpoints()).isEqualTo(expected);
        assertThat(result.tail().nextPosition()).isEqualTo(6);
        assertThat(result.highestSequences()).isEqualTo(Map.of(STREAM, 1L));
        assertThat(chunks.entries()).extracting(entry -> entry.stream().streamId() + "/" + entry.sequence())
                .containsExactly("1/1", "2/1", "1/2", "2/2", "1/3");
        assertThat(chunks.tail(0).checkpoints()).isEqualTo(expected);
        assertThat(new ShardLineage(new ShardReader(split, "arn:test").describe())
                .readable(expected, java.util.Set.of())).extracting(StreamShard::shardId)
                .containsExactlyInAnyOrder("shard-2-a", "shard-2-b", "shard-x");
    }

    @Test
    void anEmptyFeedWithNothingInTheTableStartsTheShardsFromTheirOldestRecord() {
        EventScan nothing = (sink, eachPage) -> eachPage.run();
        FeedRebuild rebuild = new FeedRebuild(new ShardReader(split, "arn:test"), chunks.writer("test"), nothing,
                (stream, from, max) -> List.of(), () -> {}, () -> {}, 100, "test");

        FeedRebuild.Result result = rebuild.run().orElseThrow();

        assertThat(result.tail()).isEqualTo(new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()));
        assertThat(chunks.size()).isZero();
    }

    @Test
    void aLeaseLostInTheMiddleStopsTheRebuildBeforeItWritesAnything() {
        AtomicInteger calls = new AtomicInteger();
        FeedRebuild rebuild = rebuild(() -> {
            if (calls.incrementAndGet() > 3) {
                throw new IllegalStateException("lease lost (test)");
            }
        });

        assertThatThrownBy(rebuild::run).hasMessageContaining("lease lost");
        assertThat(chunks.size()).isZero();
    }
}
