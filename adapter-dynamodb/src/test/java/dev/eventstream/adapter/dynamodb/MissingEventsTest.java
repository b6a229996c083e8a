package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which events a rebuild of the feed appends, and in what order. */
class MissingEventsTest {
    private static final StreamKey A = StreamKey.of("orders", "a");
    private static final StreamKey B = StreamKey.of("orders", "b");
    private static final StreamKey C = StreamKey.of("users", "c");
    private static final TableEvents NO_TABLE = (stream, from, max) -> {
        throw new AssertionError("the table is read for " + stream + " from " + from);
    };

    private static FeedPointer event(StreamKey stream, long sequence, long commitMillis) {
        return new FeedPointer(stream, sequence, StreamRecords.idOf(stream, sequence), "T", commitMillis);
    }

    private static List<String> names(List<FeedPointer> entries) {
        return entries.stream().map(entry -> entry.stream().streamId() + entry.sequence()).toList();
    }

    @Test
    void keepsOnlyEventsAboveTheirStreamsIndexedSequence() {
        // given: the feed holds a up to 2 and nothing of b
        MissingEvents missing = new MissingEvents(Map.of(A, 2L));

        // when: the scan finds a 1..4, b 1
        List.of(event(A, 3, 30), event(A, 1, 10), event(B, 1, 15), event(A, 4, 40), event(A, 2, 20))
                .forEach(missing::offer);

        // then
        assertThat(missing.count()).isEqualTo(3);
        assertThat(names(missing.inFeedOrder(NO_TABLE))).containsExactly("b1", "a3", "a4");
    }

    @Test
    void eachStreamKeepsItsSequenceOrderWhereCommitTimesSayOtherwise() {
        // given: a's writers' clocks went back (a2 stamped before a1), b in between
        MissingEvents missing = new MissingEvents(Map.of());
        List.of(event(A, 2, 5), event(B, 1, 7), event(A, 1, 10), event(B, 2, 8), event(A, 3, 11), event(C, 1, 9))
                .forEach(missing::offer);

        // when
        List<FeedPointer> ordered = missing.inFeedOrder(NO_TABLE);

        // then: per-stream order holds; streams interleave by the next event's commit time
        assertThat(names(ordered)).containsExactly("b1", "b2", "c1", "a1", "a2", "a3");
    }

    @Test
    void theMergeTakesTheEarliestHeadFirstAndBreaksTiesByStreamKey() {
        List<FeedPointer> merged = MissingEvents.merge(List.of(
                List.of(event(B, 1, 1), event(B, 2, 4), event(B, 3, 4)),
                List.of(event(A, 1, 2), event(A, 2, 4)),
                List.of(),
                List.of(event(C, 1, 3))));

        assertThat(names(merged)).containsExactly("b1", "a1", "c1", "a2", "b2", "b3");
    }

    @Test
    void aGapInWhatTheScanFoundIsFilledFromTheTableAndWhatIsGoneIsSkipped() {
        // given: the scan found a 1, 3, 6 (2 was committed while it ran; 4 and 5 expired)
        List<String> reads = new ArrayList<>();
        TableEvents table = (stream, from, max) -> {
            reads.add(stream.streamId() + from + "+" + max);
            return from == 2 ? List.of(recorded(stream, 2, 20)) : List.of();
        };
        MissingEvents missing = new MissingEvents(Map.of());
        List.of(event(A, 1, 10), event(A, 3, 30), event(A, 6, 60)).forEach(missing::offer);

        // when
        List<FeedPointer> ordered = missing.inFeedOrder(table);

        // then
        assertThat(names(ordered)).containsExactly("a1", "a2", "a3", "a6");
        assertThat(reads).containsExactly("a2+1", "a4+2");
    }

    private static RecordedEvent recorded(StreamKey stream, long sequence, long commitMillis) {
        return new RecordedEvent(stream.aggregation(), stream.streamId(), sequence,
                StreamRecords.idOf(stream, sequence), "T", JsonNodeFactory.instance.objectNode(), Instant.ofEpochMilli(commitMillis));
    }
}
