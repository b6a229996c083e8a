package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Each stream's events in sequence order in the feed, once, whatever order their records come in. */
class FeedOrderingTest {
    private static final StreamKey STREAM = StreamKey.of("orders", "1");
    private static final StreamKey OTHER = StreamKey.of("orders", "2");

    /** The events table: every stream holds events 1..20; each read is noted. */
    private final List<String> reads = new ArrayList<>();
    private final TableEvents table = (stream, from, max) -> {
        reads.add(stream.streamId() + ":" + from + "+" + max);
        return LongStream.range(from, Math.min(21, from + max))
                .mapToObj(sequence -> event(stream, sequence))
                .toList();
    };
    private final FeedOrdering ordering = new FeedOrdering(100, table);

    private static RecordedEvent event(StreamKey stream, long sequence) {
        return RecordedEvent.withPayloadJson(stream.aggregation(), stream.streamId(), sequence,
                StreamRecords.idOf(stream, sequence), "T" + sequence, "{}",
                Instant.ofEpochMilli(StreamRecords.commitMillis(sequence)));
    }

    private static FeedPointer pointer(StreamKey stream, long sequence) {
        return StreamRecords.pointer(stream, sequence, "T" + sequence);
    }

    @Test
    void eventsInOrderAreEntriesAsTheyComeWithoutReadingTheTable() {
        assertThat(ordering.accept(pointer(STREAM, 1))).containsExactly(pointer(STREAM, 1));
        assertThat(ordering.accept(pointer(OTHER, 1))).containsExactly(pointer(OTHER, 1));
        assertThat(ordering.accept(pointer(STREAM, 2))).containsExactly(pointer(STREAM, 2));
        assertThat(reads).isEmpty();
    }

    @Test
    void anEventAtOrBeforeTheLastIndexedIsADuplicate() {
        ordering.accept(pointer(STREAM, 1));
        ordering.accept(pointer(STREAM, 2));
        assertThat(ordering.accept(pointer(STREAM, 2))).isEmpty();
        assertThat(ordering.accept(pointer(STREAM, 1))).isEmpty();
    }

    @Test
    void anEventAheadOfTheNextIsPrecededByTheMissingOnesReadFromTheTable() {
        // given
        ordering.accept(pointer(STREAM, 1));

        // when: event 4 comes before 2 and 3
        List<FeedPointer> entries = ordering.accept(pointer(STREAM, 4));

        // then: 2 and 3 are read (one consistent read of exactly them), and their own records are duplicates
        assertThat(entries).containsExactly(pointer(STREAM, 2), pointer(STREAM, 3), pointer(STREAM, 4));
        assertThat(reads).containsExactly("1:2+2");
        assertThat(ordering.accept(pointer(STREAM, 2))).isEmpty();
        assertThat(ordering.accept(pointer(STREAM, 3))).isEmpty();
        assertThat(ordering.accept(pointer(STREAM, 5))).containsExactly(pointer(STREAM, 5));
    }

    @Test
    void aStreamNotRememberedIsTakenAsIndexedUpToTheEventBefore() {
        // given: nothing known of the stream (its earlier records precede the checkpoints)
        // when
        List<FeedPointer> entries = ordering.accept(pointer(STREAM, 7));

        // then
        assertThat(entries).containsExactly(pointer(STREAM, 7));
        assertThat(reads).isEmpty();
        assertThat(ordering.accept(pointer(STREAM, 6))).isEmpty();
    }

    @Test
    void theFeedsLastEntriesTellHowFarStreamsAreIndexed() {
        // given
        ordering.warmUp(List.of(pointer(STREAM, 3), pointer(OTHER, 9), pointer(STREAM, 4)));

        // when / then
        assertThat(ordering.accept(pointer(STREAM, 4))).isEmpty();
        assertThat(ordering.accept(pointer(OTHER, 11))).containsExactly(pointer(OTHER, 10), pointer(OTHER, 11));
        assertThat(ordering.accept(pointer(STREAM, 5))).containsExactly(pointer(STREAM, 5));
    }

    @Test
    void eventsGoneFromTheTableAreSkippedRatherThanStallingTheFeed() {
        // given: events 2 and 3 expired (TTL) before their records were indexed
        FeedOrdering expired = new FeedOrdering(100, (stream, from, max) -> List.of());
        expired.accept(pointer(STREAM, 1));

        // when / then
        assertThat(expired.accept(pointer(STREAM, 4))).containsExactly(pointer(STREAM, 4));
    }
}
