package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.History;
import dev.eventstream.api.Json;
import dev.eventstream.api.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryFoldTest {
    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void noEventsFoldToTheEmptyHistory() {
        // when
        History history = HistoryFold.of(List.of());

        // then
        assertThat(history).isEqualTo(History.empty());
        assertThat(new HistoryFold().snapshot()).isEmpty();
    }

    @Test
    void topLevelFieldsMergeWithTheLaterEventWinning() {
        // given
        List<RecordedEvent> events = events(
                "{\"orderId\":\"o-1\",\"status\":\"placed\",\"amount\":25.5}",
                "{\"status\":\"paid\",\"paidWith\":\"card\"}",
                "{\"status\":\"sent\",\"amount\":null}");

        // when
        History history = HistoryFold.of(events);

        // then
        assertThat(history.payload()).isEqualTo(
                Json.parse("{\"orderId\":\"o-1\",\"status\":\"sent\",\"amount\":null,\"paidWith\":\"card\"}"));
    }

    @Test
    void nestedObjectIsReplacedWholeRatherThanMerged() {
        // given
        List<RecordedEvent> events = events(
                "{\"name\":\"Ada\",\"address\":{\"street\":\"Main St 1\",\"city\":\"Graz\"}}",
                "{\"address\":{\"city\":\"Wien\"}}");

        // when
        History history = HistoryFold.of(events);

        // then
        assertThat(history.payload()).isEqualTo(Json.parse("{\"name\":\"Ada\",\"address\":{\"city\":\"Wien\"}}"));
    }

    @Test
    void nonObjectPayloadReplacesWhateverWasMerged() {
        for (String value : List.of("[1,2]", "\"text\"", "42", "true", "null")) {
            // given
            List<RecordedEvent> events = events("{\"a\":1}", "{\"b\":2}", value);

            // when
            History history = HistoryFold.of(events);

            // then
            assertThat(history.payload()).as("after %s", value).isEqualTo(Json.parse(value));
        }
    }

    @Test
    void objectAfterANonObjectStartsTheMergeAfresh() {
        // given
        List<RecordedEvent> events = events("{\"a\":1}", "[\"reset\"]", "{\"b\":2}", "{\"c\":3}");

        // when
        History history = HistoryFold.of(events);

        // then
        assertThat(history.payload()).isEqualTo(Json.parse("{\"b\":2,\"c\":3}"));
    }

    @Test
    void historyTellsEventTypesInCommitOrderAndTheLastEventsSequenceAndTimestamp() {
        // given
        List<RecordedEvent> events = List.of(
                event(1, "PLACED", "{}"), event(2, "PAID", "{}"), event(3, "PAID", "{}"), event(4, "SENT", "{}"));

        // when
        History history = HistoryFold.of(events);

        // then
        assertThat(history.eventTypes()).containsExactly("PLACED", "PAID", "PAID", "SENT");
        assertThat(history.sequence()).isEqualTo(4);
        assertThat(history.commitTimestamp()).isEqualTo(events.get(3).commitTimestamp());
    }

    @Test
    void foldingNeverChangesTheEventsPayloads() {
        // given
        List<RecordedEvent> events = events(
                "{\"a\":{\"x\":1},\"b\":1}", "{\"a\":{\"y\":2}}", "[1]", "{\"c\":3}", "{\"d\":{\"e\":4}}");
        List<String> before = events.stream().map(event -> Json.write(event.payload())).toList();

        // when
        HistoryFold.of(events);

        // then
        assertThat(events.stream().map(event -> Json.write(event.payload())).toList()).isEqualTo(before);
    }

    @Test
    void historyHandedOutStaysAsItWasWhenTheFoldGoesOn() {
        // given
        List<RecordedEvent> events = events("{\"status\":\"placed\"}", "{\"status\":\"paid\",\"amount\":3}");
        HistoryFold fold = new HistoryFold().apply(events.get(0));
        History early = fold.result();

        // when
        fold.apply(events.get(1));

        // then
        assertThat(early.payload()).isEqualTo(Json.parse("{\"status\":\"placed\"}"));
        assertThat(early.eventTypes()).hasSize(1);
        assertThat(fold.result().payload()).isEqualTo(Json.parse("{\"status\":\"paid\",\"amount\":3}"));
    }

    @Test
    void foldFromASnapshotEndsWhereAFoldFromTheStartEnds() {
        // given
        List<RecordedEvent> events = events(
                "{\"status\":\"placed\",\"lines\":{\"book\":1}}", "{\"amount\":3}", "{\"status\":\"paid\"}",
                "{\"lines\":{\"pen\":2}}", "{\"status\":\"sent\"}");
        HistoryFold first = new HistoryFold();
        events.subList(0, 3).forEach(first::apply);
        Snapshot snapshot = first.snapshot().orElseThrow();
        String snapshotPayload = Json.write(snapshot.history().payload());

        // when
        HistoryFold resumed = new HistoryFold(snapshot);
        events.subList(3, 5).forEach(resumed::apply);

        // then
        assertThat(resumed.result()).isEqualTo(HistoryFold.of(events));
        assertThat(snapshot.lastEventId()).isEqualTo(events.get(2).eventId());
        assertThat(snapshot.sequence()).isEqualTo(3);
        assertThat(Json.write(snapshot.history().payload())).as("the snapshot after folding on from it")
                .isEqualTo(snapshotPayload);
    }

    private static List<RecordedEvent> events(String... payloads) {
        List<RecordedEvent> events = new ArrayList<>();
        for (String payload : payloads) {
            events.add(event(events.size() + 1, "CHANGED", payload));
        }
        return events;
    }

    private static RecordedEvent event(long sequence, String type, String payload) {
        return new RecordedEvent("orders", "1", sequence, UUID.randomUUID(), type, Json.parse(payload),
                START.plusSeconds(sequence));
    }
}
