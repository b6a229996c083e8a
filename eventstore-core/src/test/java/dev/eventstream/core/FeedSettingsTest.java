package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedSettingsTest {
    private static final FeedSettings DEFAULT = FeedSettings.DEFAULT;

    @Test
    void defaultsAreThoseDocumented_andWithersChangeOneSettingEach() {
        assertThat(DEFAULT).isEqualTo(new FeedSettings(Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 100, Duration.ofSeconds(5)));
        assertThat(DEFAULT.renewInterval()).isEqualTo(Duration.ofMillis(3333).plusNanos(333_333));
        assertThat(DEFAULT.withPollInterval(Duration.ofMillis(5)).pollInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(DEFAULT.withLeaseDuration(Duration.ofSeconds(3)).leaseDuration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(DEFAULT.withCheckpointInterval(Duration.ZERO).checkpointInterval()).isZero();
        assertThat(DEFAULT.withPageSize(7).pageSize()).isEqualTo(7);
        assertThat(DEFAULT.withCloseTimeout(Duration.ZERO).closeTimeout()).isZero();
        assertThat(DEFAULT.withPageSize(7).withPollInterval(Duration.ofMillis(5)).leaseDuration())
                .isEqualTo(DEFAULT.leaseDuration());
    }

    @Test
    void everySettingIsRangeCheckedNamingIt() {
        assertThatThrownBy(() -> DEFAULT.withPollInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pollInterval must be between PT0.001S and PT1M, was PT0S");
        assertThatThrownBy(() -> DEFAULT.withLeaseDuration(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("leaseDuration must be between");
        assertThatThrownBy(() -> DEFAULT.withLeaseDuration(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("leaseDuration must be between");
        assertThatThrownBy(() -> DEFAULT.withCheckpointInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("checkpointInterval must be between");
        assertThatThrownBy(() -> DEFAULT.withCloseTimeout(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("closeTimeout must be between");
        assertThatThrownBy(() -> DEFAULT.withPageSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be between 1 and 10000, was 0");
        assertThatThrownBy(() -> DEFAULT.withPageSize(10_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be between 1 and 10000, was 10001");
        assertThatThrownBy(() -> DEFAULT.withPollInterval(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("pollInterval is null");
    }

    @Test
    void theStoreBuilderTakesThem() {
        assertThatThrownBy(() -> DefaultEventStore.builder(new TestPersistence()).feedSettings(null))
                .isInstanceOf(NullPointerException.class).hasMessage("feedSettings is null");
    }
}
