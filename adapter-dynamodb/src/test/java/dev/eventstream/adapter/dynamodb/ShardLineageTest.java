package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * Which shards the indexer reads, over shards shaped as DescribeStream lists them (moto has one shard per table,
 * so splits are only seen here): parents before children, a child only once its parent is finished.
 */
class ShardLineageTest {
    private static Shard open(String id, @Nullable String parent) {
        return Shard.builder().shardId(id).parentShardId(parent)
                .sequenceNumberRange(r -> r.startingSequenceNumber("100")).build();
    }

    private static Shard closed(String id, @Nullable String parent) {
        return Shard.builder().shardId(id).parentShardId(parent)
                .sequenceNumberRange(r -> r.startingSequenceNumber("100").endingSequenceNumber("200")).build();
    }

    private static ShardLineage lineage(Shard... shards) {
        return new ShardLineage(Arrays.stream(shards).map(StreamShard::of).toList());
    }

    private static ShardCheckpoints checkpoints(String... idAndSequence) {
        ShardCheckpoints checkpoints = ShardCheckpoints.NONE;
        for (int i = 0; i < idAndSequence.length; i += 2) {
            checkpoints = checkpoints.with(idAndSequence[i], idAndSequence[i + 1]);
        }
        return checkpoints;
    }

    private static List<String> ids(List<StreamShard> shards) {
        return shards.stream().map(StreamShard::shardId).toList();
    }

    /** A parent split into two children, listed children first. */
    private final ShardLineage split = lineage(open("s-2-b", "s-1"), open("s-2-a", "s-1"), closed("s-1", null));

    @Test
    void withNothingReadTheParentIsReadFirstAndItsChildrenWait() {
        assertThat(ids(split.readable(ShardCheckpoints.NONE, Set.of()))).containsExactly("s-1");
    }

    @Test
    void aParentInTheCheckpointsIsNotFinishedSoItsChildrenWait() {
        assertThat(ids(split.readable(checkpoints("s-1", "150"), Set.of()))).containsExactly("s-1");
        assertThat(ids(split.readable(checkpoints("s-1", ""), Set.of()))).containsExactly("s-1");
    }

    @Test
    void aClosedParentGoneFromTheCheckpointsWhileItsChildrenAreInIsFinished() {
        ShardCheckpoints children = checkpoints("s-2-a", "", "s-2-b", "");
        assertThat(ids(split.readable(children, Set.of()))).containsExactly("s-2-a", "s-2-b");
        assertThat(split.isFinished("s-1", children, Set.of())).isTrue();
    }

    @Test
    void aParentTheDescriptionNoLongerHoldsIsFinished() {
        ShardLineage trimmed = lineage(open("s-2", "s-1"));
        assertThat(ids(trimmed.readable(ShardCheckpoints.NONE, Set.of()))).containsExactly("s-2");
    }

    @Test
    void finishedGenerationsArePassedOverDownToTheShardInTheCheckpoints() {
        // given: s-1 -> s-2 -> s-3, the first two finished, s-3 being read; and a second root with a child
        ShardLineage chain = lineage(closed("s-1", null), closed("s-2", "s-1"), open("s-3", "s-2"),
                open("t-1", null));

        // when / then
        assertThat(ids(chain.readable(checkpoints("s-3", "150", "t-1", "120"), Set.of())))
                .containsExactly("t-1", "s-3");
        assertThat(ids(chain.readable(checkpoints("t-1", "120"), Set.of()))).containsExactly("s-1", "t-1");
    }

    @Test
    void readableShardsComeParentsFirstThenById() {
        // given: one lineage two generations further on than the other
        ShardLineage shards = lineage(open("b-3", "b-2"), closed("b-2", "b-1"), closed("b-1", null),
                open("a-1", null), open("c-1", null));

        // when
        List<String> readable = ids(shards.readable(checkpoints("b-2", "1"), Set.of()));

        // then
        assertThat(readable).containsExactly("a-1", "c-1", "b-2");
        assertThat(ids(shards.readable(checkpoints("b-3", ""), Set.of()))).containsExactly("a-1", "c-1", "b-3");
    }

    @Test
    void aClosedShardWithoutChildrenReadToItsEndHereIsNotReadAgain() {
        ShardLineage disabled = lineage(closed("s-1", null));
        assertThat(ids(disabled.readable(checkpoints("s-1", "200"), Set.of()))).containsExactly("s-1");
        assertThat(disabled.readable(checkpoints("s-1", "200"), Set.of("s-1"))).isEmpty();
    }

    @Test
    void childrenAreThoseTheDescriptionHolds() {
        assertThat(split.childrenOf("s-1")).containsExactlyInAnyOrder("s-2-a", "s-2-b");
        assertThat(split.childrenOf("s-2-a")).isEmpty();
        assertThat(split.contains("s-1")).isTrue();
        assertThat(split.contains("s-0")).isFalse();
    }

    @Test
    void readingASplitToTheEndMovesTheCheckpointsFromParentToChildren() {
        // given: the parent read to its end, as the indexer notes it
        IndexingStep step = new IndexingStep(new FeedTail(1, checkpoints("s-1", "190"), 0, List.of()),
                new FeedOrdering(10, (stream, from, max) -> List.of()), new FakeFeedChunks().writer("test"), () -> {});

        // when
        step.finish("s-1", split.childrenOf("s-1"));

        // then
        assertThat(step.checkpoints().lastSequenceNumbers()).containsOnlyKeys("s-2-a", "s-2-b").containsValue("");
        assertThat(ids(split.readable(step.checkpoints(), Set.of()))).containsExactly("s-2-a", "s-2-b");
    }

    @Test
    void parentIdsFormingACycleDoNotHangTheLineage() {
        ShardLineage cycle = lineage(closed("x", "y"), closed("y", "x"));
        assertThat(ids(cycle.readable(ShardCheckpoints.NONE, Set.of()))).isEmpty();
    }
}
