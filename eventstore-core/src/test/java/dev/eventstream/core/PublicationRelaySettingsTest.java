package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PublicationRelaySettingsTest {
    private static final PublicationRelay.Settings DEFAULT = PublicationRelay.Settings.DEFAULT;

    @Test
    void defaultsArePublishedAndWithersChangeOneSettingEach() {
        assertThat(DEFAULT).isEqualTo(new PublicationRelay.Settings(Duration.ofMillis(200), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 500, Duration.ofSeconds(10), Duration.ofSeconds(5)));
        assertThat(DEFAULT.withGracePeriod(Duration.ZERO).gracePeriod()).isZero();
        assertThat(DEFAULT.withCloseTimeout(Duration.ofSeconds(1)).closeTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULT.withScanBatchSize(7).scanBatchSize()).isEqualTo(7);
        assertThat(DEFAULT.withIdleScanInterval(Duration.ofSeconds(2)).idleScanInterval())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everyDurationIsRangeCheckedNamingTheSetting() {
        Duration forever = ChronoUnit.FOREVER.getDuration();
        assertThatThrownBy(() -> DEFAULT.withRetryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("retryBackoff must be between");
        assertThatThrownBy(() -> DEFAULT.withRetryBackoff(Duration.ofSeconds(1), forever))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxBackoff must be between");
        assertThatThrownBy(() -> DEFAULT.withIdleScanInterval(Duration.ofNanos(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("idleScanInterval must be between");
        assertThatThrownBy(() -> DEFAULT.withGracePeriod(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gracePeriod must be between");
        assertThatThrownBy(() -> DEFAULT.withCloseTimeout(forever))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("closeTimeout must be between");
        assertThatThrownBy(() -> DEFAULT.withGracePeriod(null))
                .isInstanceOf(NullPointerException.class).hasMessage("gracePeriod is null");
        assertThatThrownBy(() -> DEFAULT.withScanBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scanBatchSize must be between");
    }
}
