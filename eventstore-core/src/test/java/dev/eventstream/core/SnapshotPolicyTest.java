package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SnapshotPolicyTest {

    @Test
    void snapshotIsDueOnceTheGivenNumberOfEventsWasFolded() {
        SnapshotPolicy everyThree = SnapshotPolicy.every(3);
        assertThat(everyThree.isDue(2)).isFalse();
        assertThat(everyThree.isDue(3)).isTrue();
        assertThat(everyThree.isDue(40)).isTrue();
        assertThat(SnapshotPolicy.DEFAULT.isDue(99)).isFalse();
        assertThat(SnapshotPolicy.DEFAULT.isDue(100)).isTrue();
    }

    @Test
    void neverIsNeverDue() {
        assertThat(SnapshotPolicy.NEVER.isEnabled()).isFalse();
        assertThat(SnapshotPolicy.NEVER.isDue(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void everyEventsMustBePositive() {
        assertThatThrownBy(() -> SnapshotPolicy.every(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("everyEvents must be at least 1, was 0");
    }
}
