package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.StreamKey;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Polling a stream whose shard splits (the stream is a stand-in, since moto has one shard per table): the parent
 * is read to its end before its children, the checkpoints move from the parent to the children with the next
 * chunk, and an indexer taking over goes on in the children.
 */
class ShardPollingTest {
    private static final StreamKey STREAM = StreamKey.of("orders", "1");
    private static final StreamKey OTHER = StreamKey.of("orders", "2");

    private final FakeFeedChunks chunks = new FakeFeedChunks();

    private static Record insert(long sequenceNumber, StreamKey stream, long sequence) {
        return StreamRecords.insert(Long.toString(sequenceNumber), stream, sequence, "T");
    }

    /** Parent p (closed): events 1..3 of STREAM; children a (events 4, 5) and b (OTHER's 1, 2), both open. */
    private final SplitStream split = new SplitStream()
            .shard("shard-2-a", "shard-1", false, List.of(insert(2001, STREAM, 4), insert(2002, STREAM, 5)))
            .shard("shard-1", null, true, List.of(insert(1001, STREAM, 1), insert(1002, STREAM, 2),
                    insert(1003, STREAM, 3)))
            .shard("shard-2-b", "shard-1", false, List.of(insert(3001, OTHER, 1), insert(3002, OTHER, 2)));

    private ShardPolling polling() {
        FeedTail tail = chunks.tail(100);
        IndexingStep step = new IndexingStep(tail, new FeedOrdering(100, (stream, from, max) -> List.of()),
                chunks.writer("test"), () -> {});
        return new ShardPolling(new ShardReader(split, "arn:test"), step, tail.newestRecordMillis(),
                Clock.systemUTC(), "test");
    }

    private static void pollUntilIdle(ShardPolling polling) {
        for (int i = 0; i < 10 && polling.poll() != ShardPolling.Outcome.IDLE; i++) {
            // poll on
        }
    }

    @Test
    void theParentIsReadToItsEndBeforeItsChildrenAndHandsItsCheckpointOverToThem() {
        // when
        pollUntilIdle(polling());

        // then
        assertThat(split.reads()).startsWith("shard-1").containsOnlyOnce("shard-1");
        assertThat(split.reads().subList(1, split.reads().size())).containsOnly("shard-2-a", "shard-2-b");
        assertThat(chunks.entries()).extracting(entry -> entry.stream().streamId() + "/" + entry.sequence())
                .startsWith("1/1", "1/2", "1/3")
                .containsExactlyInAnyOrder("1/1", "1/2", "1/3", "1/4", "1/5", "2/1", "2/2");
        assertThat(chunks.chunks().get(0).checkpoints().lastSequenceNumbers()).containsOnlyKeys("shard-1");
        assertThat(chunks.chunks().get(chunks.chunks().size() - 1).checkpoints().lastSequenceNumbers())
                .containsEntry("shard-2-a", "2002")
                .containsEntry("shard-2-b", "3002")
                .doesNotContainKey("shard-1");
    }

    @Test
    void anIndexerTakingOverGoesOnInTheChildrenWithoutReadingTheParentAgain() {
        // given: the parent and child a indexed, then the indexer stopped
        pollUntilIdle(polling());
        int indexed = chunks.size();
        split.shard("shard-2-a", "shard-1", false, List.of(insert(2001, STREAM, 4), insert(2002, STREAM, 5),
                insert(2003, STREAM, 6)));
        int readsBefore = split.reads().size();

        // when
        pollUntilIdle(polling());

        // then
        assertThat(split.reads().subList(readsBefore, split.reads().size())).containsOnly("shard-2-a");
        assertThat(chunks.entries().subList(indexed, chunks.size())).extracting(FeedPointer::sequence)
                .containsExactly(6L);
        assertThat(chunks.violations()).isEmpty();
    }

    @Test
    void aShardOfTheCheckpointsGoneFromTheStreamCallsForARebuild() {
        // given: the feed's checkpoint is on a shard the stream no longer describes (trimmed after 24 hours)
        chunks.writer("old").write(1, List.of(StreamRecords.pointer(STREAM, 1, "T")),
                ShardCheckpoints.NONE.with("shard-0", "900"), 0);

        // when / then
        assertThat(polling().poll()).isEqualTo(ShardPolling.Outcome.TRIMMED);
        assertThat(split.reads()).isEmpty();
        assertThat(chunks.size()).isEqualTo(1);
    }
}
