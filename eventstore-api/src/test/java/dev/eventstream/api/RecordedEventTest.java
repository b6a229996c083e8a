package dev.eventstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordedEventTest {
    private static final UUID ID = UUID.fromString("6f1c2a52-3c1e-4a59-9a8f-1d2b3c4d5e6f");
    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");

    record Placed(String orderId, int total) {}

    private static RecordedEvent fromText(String json) {
        return RecordedEvent.withPayloadJson("orders", "o-1", 3, ID, "PLACED", json, AT);
    }

    private static RecordedEvent fromTree(String json) {
        return new RecordedEvent("orders", "o-1", 3, ID, "PLACED", Json.parse(json), AT);
    }

    @Test
    void anEventMadeFromPayloadTextEqualsTheSameEventMadeFromItsTree() {
        RecordedEvent text = fromText("{\"orderId\":\"o-1\",\"total\":42}");
        RecordedEvent tree = fromTree("{ \"total\": 42, \"orderId\": \"o-1\" }");

        assertThat(text).isEqualTo(tree).hasSameHashCodeAs(tree);
        assertThat(tree).isEqualTo(text);
        assertThat(text.toString()).contains("sequence=3", "payload={\"orderId\":\"o-1\",\"total\":42}");
        assertThat(text.payload().get("total").asInt()).isEqualTo(42);
    }

    @Test
    void eventsThatDifferOnlyInTheirPayloadAreNotEqual() {
        assertThat(fromText("{\"total\":42}")).isNotEqualTo(fromText("{\"total\":43}"));
        assertThat(fromText("{\"total\":42}")).isNotEqualTo(fromTree("{\"total\":43}"));
    }

    @Test
    void thePayloadIsParsedOnceAndTheSameTreeReturnedEveryTime() {
        RecordedEvent event = fromText("{\"orderId\":\"o-1\"}");

        assertThat(event.payload()).isSameAs(event.payload());
    }

    @Test
    void threadsAskingForThePayloadAtOnceAllGetTheSameTree() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                RecordedEvent event = fromText("{\"round\":" + round + "}");
                Callable<Object> payload = event::payload;
                var answers = threads.invokeAll(IntStream.range(0, 4).mapToObj(i -> payload).toList());
                Object first = answers.get(0).get();
                for (Future<Object> answer : answers) {
                    assertThat(answer.get()).isSameAs(first);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void payloadAsReadsTheTextStraightIntoTheClassAsItReadsTheTree() {
        String json = "{\"orderId\":\"o-1\",\"total\":42,\"addedLater\":true}";

        assertThat(fromText(json).payloadAs(Placed.class)).isEqualTo(new Placed("o-1", 42));
        assertThat(fromTree(json).payloadAs(Placed.class)).isEqualTo(new Placed("o-1", 42));
        assertThat(fromText(json).payloadAs(Map.class)).containsEntry("total", 42);
    }

    @Test
    void payloadAsNamesTheClassWhenTheTextDoesNotFitIt() {
        assertThatThrownBy(() -> fromText("{\"total\":\"many\"}").payloadAs(Placed.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload cannot be read as " + Placed.class.getName());
    }

    @Test
    void storedTextThatIsNotJsonFailsWhenThePayloadIsAskedForNamingTheEvent() {
        RecordedEvent event = fromText("{\"total\":");

        assertThat(event.eventType()).isEqualTo("PLACED");
        assertThatThrownBy(event::payload)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ID.toString())
                .hasMessageContaining("at 3")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void sameContentAsComparesTheParsedPayload() {
        NewEvent appended = new NewEvent(ID, "PLACED", Json.parse("{\"total\":42}"));

        assertThat(fromText("{\"total\":42}").sameContentAs(appended)).isTrue();
        assertThat(fromText("{\"total\":41}").sameContentAs(appended)).isFalse();
    }

    @Test
    void everyFieldIsRequired() {
        assertThatThrownBy(() -> RecordedEvent.withPayloadJson("orders", "o-1", 3, ID, "PLACED", null, AT))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("payloadJson is null");
        assertThatThrownBy(() -> new RecordedEvent("orders", "o-1", 3, ID, "PLACED", null, AT))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("payload is null");
        assertThatThrownBy(() -> fromTextAt(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence must be at least 1, was 0");
    }

    private static RecordedEvent fromTextAt(long sequence) {
        return RecordedEvent.withPayloadJson("orders", "o-1", sequence, ID, "PLACED", "{}", AT);
    }
}
