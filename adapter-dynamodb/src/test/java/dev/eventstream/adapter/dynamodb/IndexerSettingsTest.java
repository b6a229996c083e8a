package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexerSettingsTest {
    private static final IndexerSettings DEFAULT = IndexerSettings.DEFAULT;

    @Test
    void defaultsFollowTheFeedsDesign() {
        assertThat(DEFAULT.leaseDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DEFAULT.renewInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(DEFAULT.idlePoll()).isEqualTo(Duration.ofMillis(250));
        assertThat(DEFAULT.warmUpEntries()).isEqualTo(10_000);
    }

    @Test
    void aLeaseShorterThanASecondIsRejected() {
        assertThatThrownBy(() -> DEFAULT.withLease(Duration.ofMillis(999), Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaseDuration");
    }

    @Test
    void aRenewalNotShorterThanTheLeaseIsRejected() {
        assertThatThrownBy(() -> DEFAULT.withLease(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("renewInterval must be shorter than leaseDuration, was PT5S >= PT5S");
    }

    @Test
    void aMaxBackoffShorterThanTheFirstIsRejected() {
        assertThatThrownBy(() -> DEFAULT.withRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBackoff");
    }

    @Test
    void warmUpEntriesOutOfRangeAreRejected() {
        assertThatThrownBy(() -> DEFAULT.withWarmUpEntries(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("warmUpEntries must be between 1 and 1000000, was 0");
    }

    @Test
    void aMissingDurationIsNamed() {
        assertThatThrownBy(() -> DEFAULT.withIdlePoll(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("idlePoll is null");
    }
}
