package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.StreamKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContendedStreamsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final StreamKey ORDERS = StreamKey.of("orders", "o-1");

    private final ContendedStreams contended = new ContendedStreams(2, Duration.ofSeconds(1));

    @Test
    void aStreamNoOtherWriterWasSeenOnIsNotContended() {
        assertThat(contended.recentRoundNanos(ORDERS, 5 * SECOND)).isEqualTo(ContendedStreams.NOT_CONTENDED);
    }

    @Test
    void othersSeenWritingIsRememberedWithItsRoundTripForTheWindowThenForgotten() {
        // given
        contended.sawOthersWriting(ORDERS, 10 * SECOND, 7_000_000);

        // when / then
        assertThat(contended.recentRoundNanos(ORDERS, 10 * SECOND + SECOND)).isEqualTo(7_000_000);
        assertThat(contended.recentRoundNanos(ORDERS, 10 * SECOND + SECOND + 1))
                .isEqualTo(ContendedStreams.NOT_CONTENDED);
    }

    @Test
    void onlyTheMostRecentlyContendedStreamsAreKept() {
        // given: room for two
        StreamKey second = StreamKey.of("orders", "o-2");
        StreamKey third = StreamKey.of("orders", "o-3");
        contended.sawOthersWriting(ORDERS, SECOND, 1);
        contended.sawOthersWriting(second, SECOND, 2);

        // when
        contended.sawOthersWriting(third, SECOND, 3);

        // then
        assertThat(contended.recentRoundNanos(ORDERS, SECOND)).isEqualTo(ContendedStreams.NOT_CONTENDED);
        assertThat(contended.recentRoundNanos(second, SECOND)).isEqualTo(2);
        assertThat(contended.recentRoundNanos(third, SECOND)).isEqualTo(3);
    }
}
