package dev.eventstream.testkit;

import static dev.eventstream.testkit.Concurrently.runConcurrently;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.core.CheckpointStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link CheckpointStore} port: a checkpoint only advances (so an instance that lost its group's lease cannot
 * move it back), an operator's reset moves it either way, groups are kept apart, and every process sees it.
 */
public abstract class CheckpointStoreContract extends FeedContractPart {
    protected CheckpointStoreContract(FeedContract contract) {
        super(contract);
    }

    @Test
    protected void aGroupWithoutCheckpointHasNone_andAnAdvanceStoresOne() {
        // given
        CheckpointStore checkpoints = feedStorage().checkpoints();
        String group = unique("group");
        String atZero = unique("group");

        // when / then
        assertThat(checkpoints.load(group)).isEmpty();
        checkpoints.advance(group, 5);
        checkpoints.advance(atZero, 0);
        assertThat(checkpoints.load(group)).hasValue(5);
        assertThat(checkpoints.load(atZero)).hasValue(0);
        assertThat(anotherProcessFeedStorage().checkpoints().load(group)).hasValue(5);
    }

    @Test
    protected void anAdvanceNeverMovesTheCheckpointBack() {
        // given
        CheckpointStore checkpoints = feedStorage().checkpoints();
        String group = unique("group");
        checkpoints.advance(group, 10);

        // when
        checkpoints.advance(group, 7);
        checkpoints.advance(group, 10);

        // then
        assertThat(checkpoints.load(group)).hasValue(10);
        checkpoints.advance(group, 11);
        assertThat(checkpoints.load(group)).hasValue(11);
    }

    @Test
    protected void aResetMovesTheCheckpointEitherWay() {
        // given
        CheckpointStore checkpoints = feedStorage().checkpoints();
        String group = unique("group");
        String fresh = unique("group");
        checkpoints.advance(group, 10);

        // when / then
        checkpoints.reset(group, 3);
        assertThat(checkpoints.load(group)).hasValue(3);
        checkpoints.advance(group, 5);
        assertThat(checkpoints.load(group)).hasValue(5);
        checkpoints.reset(group, 20);
        assertThat(checkpoints.load(group)).hasValue(20);
        checkpoints.reset(group, 0);
        assertThat(checkpoints.load(group)).hasValue(0);
        checkpoints.reset(fresh, 4);
        assertThat(checkpoints.load(fresh)).hasValue(4);
    }

    @Test
    protected void groupsAreKeptApart() {
        // given
        CheckpointStore checkpoints = feedStorage().checkpoints();
        String first = unique("group");
        String second = unique("group");

        // when
        checkpoints.advance(first, 8);
        checkpoints.advance(second, 2);

        // then
        assertThat(checkpoints.load(first)).hasValue(8);
        assertThat(checkpoints.load(second)).hasValue(2);
    }

    @Test
    protected void concurrentAdvancesLeaveTheHighest() {
        // given
        String group = unique("group");
        int writers = 4;
        int perWriter = 10;

        // when: the writers' positions interleave, each writer's in descending order
        runConcurrently(writers, worker -> {
            CheckpointStore checkpoints = worker % 2 == 0 ? feedStorage().checkpoints()
                    : anotherProcessFeedStorage().checkpoints();
            for (int i = perWriter; i >= 1; i--) {
                checkpoints.advance(group, (long) i * writers + worker);
            }
            return null;
        });

        // then
        assertThat(feedStorage().checkpoints().load(group)).hasValue((long) perWriter * writers + writers - 1);
    }

    @Test
    protected void initializeSetsOnlyAnAbsentCheckpoint_onceWhenRacing() {
        // given
        String group = unique("group");
        String taken = unique("group");
        feedStorage().checkpoints().advance(taken, 7);

        // when: several processes initialize one group at once, each with its own position
        List<Boolean> stored = runConcurrently(4, worker -> {
            CheckpointStore checkpoints = worker % 2 == 0 ? feedStorage().checkpoints()
                    : anotherProcessFeedStorage().checkpoints();
            return checkpoints.initialize(group, 10 + worker);
        });

        // then: one of them set it, and a group that had a checkpoint keeps it
        assertThat(stored).containsOnlyOnce(true);
        int winner = stored.indexOf(true);
        assertThat(feedStorage().checkpoints().load(group)).hasValue(10 + winner);
        assertThat(feedStorage().checkpoints().initialize(taken, 3)).isFalse();
        assertThat(feedStorage().checkpoints().load(taken)).hasValue(7);
    }
}
