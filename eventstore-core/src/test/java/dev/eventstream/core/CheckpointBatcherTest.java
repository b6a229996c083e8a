package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.EventStoreUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointBatcherTest {
    private final TestFeedStorage storage = new TestFeedStorage();

    @Test
    void writesAtMostOncePerInterval_andOnFlushWhateverMoved() {
        // given
        CheckpointBatcher batcher = new CheckpointBatcher(storage, "g", Duration.ofHours(1));
        batcher.startAt(0);

        // when
        batcher.reached(5);
        batcher.flushIfDue();

        // then
        assertThat(storage.load("g")).isEmpty();
        batcher.flush();
        assertThat(storage.load("g")).hasValue(5);
        batcher.flush();
        assertThat(storage.checkpointWrites).hasValue(1);
    }

    @Test
    void withoutIntervalWritesEveryMove_andNeverBack() {
        // given
        CheckpointBatcher batcher = new CheckpointBatcher(storage, "g", Duration.ZERO);
        batcher.startAt(3);

        // when
        batcher.reached(4);
        batcher.flushIfDue();
        batcher.reached(2);
        batcher.flushIfDue();

        // then
        assertThat(storage.load("g")).hasValue(4);
        assertThat(batcher.position()).isEqualTo(4);
        assertThat(storage.checkpointWrites).hasValue(1);
    }

    @Test
    void aFailedWriteIsTriedAgainAtTheNextChance() {
        // given
        CheckpointBatcher batcher = new CheckpointBatcher(storage, "g", Duration.ofHours(1));
        batcher.startAt(0);
        batcher.reached(9);
        storage.failingCheckpointWrites.set(1);

        // when
        assertThatThrownBy(batcher::flush).isInstanceOf(EventStoreUnavailableException.class);
        batcher.flushIfDue();
        batcher.flush();

        // then
        assertThat(storage.load("g")).hasValue(9);
    }

    @Test
    void aStartAtTheEndIsStoredAtOnce() {
        // given
        CheckpointBatcher batcher = new CheckpointBatcher(storage, "g", Duration.ofHours(1));

        // when
        batcher.storeNow(12);

        // then
        assertThat(storage.load("g")).hasValue(12);
        assertThat(batcher.position()).isEqualTo(12);
    }
}
