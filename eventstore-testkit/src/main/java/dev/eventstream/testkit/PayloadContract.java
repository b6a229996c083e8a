package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.EventTooLargeException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Payload fidelity and the limits of what one append may carry: what the store accepts it reads back exactly, on
 * every read path (objects of the writer's types, JSON of every kind, decimals with their scale), no caller can
 * change a stored event through a payload object, and what it could not read back, or could not store, is
 * rejected before anything is written, by every adapter alike.
 */
public abstract class PayloadContract extends ContractPart {
    /** Events a stream needs before its history is folded from a snapshot (the default policy saves one at 100). */
    private static final int EVENTS_FOR_A_SNAPSHOT = 101;

    protected PayloadContract(EventPersistenceContract contract) {
        super(contract);
    }

    /** A payload type with the shapes users put in events. */
    record OrderPlaced(String orderId, int quantity, double total, boolean gift, List<String> items,
            Instant placedAt, Address shipTo, @Nullable String note) {}

    record Address(String street, String city) {}

    @Test
    protected void payloadReadsBackIntoTheTypeItWasWrittenFrom() {
        // given
        EventStream stream = newStream();
        OrderPlaced placed = new OrderPlaced("o-1", 3, 37.5, true, List.of("book", "pen"),
                Instant.parse("2026-05-01T10:15:30.123456789Z"), new Address("Main St 1", "Graz"), null);

        // when
        stream.addEvent("PLACED", placed);

        // then
        assertThat(stream.getEvents().get(0).payloadAs(OrderPlaced.class)).isEqualTo(placed);
        assertThat(stream.loadFromHistory().payloadAs(OrderPlaced.class)).isEqualTo(placed);
    }

    /** JSON texts of every kind a payload can be. */
    private static final List<String> PAYLOADS_OF_EVERY_KIND = List.of(
            "{\"kind\":\"object\",\"n\":1}",
            "{}",
            "[1,\"two\",{\"three\":3},[4],null,true]",
            "[]",
            "\"just a string\"",
            "\"\"",
            "42",
            "-7",
            "0",
            "9007199254740993",
            "123456789012345678901234567890",
            "3.25",
            "-0.001",
            "1.0E-7",
            "true",
            "false",
            "null",
            "\"h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \uD83D\uDE00 e\u0301\"",
            "\"line\\nbreak\\ttab\\u0001 \\\"quoted\\\" back\\\\slash \\u0000 nul\"",
            "{\"a\":{\"b\":{\"c\":{\"d\":[{\"e\":\"deep\"},[[[]]]]}}}}",
            "{\"\":\"empty key\",\"key \u2713\":\"unicode key\",\"null\":null,\"nested\":{\"empty\":{}}}");

    @Test
    protected void payloadsOfEveryJsonKindComeBackEqual() {
        // given
        EventStream stream = newStream();
        List<JsonNode> payloads = PAYLOADS_OF_EVERY_KIND.stream().map(ContractPart::json).toList();
        List<NewEvent> batch = payloads.stream().map(payload -> NewEvent.of("KIND", payload)).toList();

        // when
        AppendResult result = stream.append(ExpectedVersion.noStream(), batch);

        // then
        assertThat(result.events()).extracting(RecordedEvent::payload).containsExactlyElementsOf(payloads);
        assertThat(stream.getEvents()).extracting(RecordedEvent::payload).containsExactlyElementsOf(payloads);
    }

    @Test
    protected void callersCannotChangeStoredEventsThroughPayloadObjects() {
        // given
        EventStream stream = newStream();
        String original = "{\"status\":\"placed\",\"items\":[\"book\"]}";
        ObjectNode written = (ObjectNode) json(original);
        RecordedEvent returned = stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", written)))
                .events().get(0);
        RecordedEvent read = stream.getEvents().get(0);

        // when
        written.put("status", "changed by the writer");
        ((ArrayNode) written.get("items")).add("pen");
        ((ObjectNode) returned.payload()).put("status", "changed through the append result");
        ((ObjectNode) read.payload()).put("status", "changed by a reader");

        // then
        assertThat(stream.getEvents().get(0).payload()).isEqualTo(json(original));
        assertThat(stream.loadFromHistory().payload()).isEqualTo(json(original));
    }

    record Payment(BigDecimal amount, String currency) {}

    @Test
    protected void decimalsReadBackWithTheirScaleOnEveryReadPath() {
        // given
        EventStream stream = newStream();
        Map<String, Object> payment = Map.of("amount", new BigDecimal("100.00"), "fee", new BigDecimal("0.10"),
                "huge", new BigDecimal("1E+400"), "tiny", new BigDecimal("-1.000E-400"));

        // when
        RecordedEvent appended = stream.addEvent("PAID", payment);

        // then: the same text and the same values, whichever way the event is read, and before or after parsing
        List<Function<EventStream, RecordedEvent>> readPaths = List.of(
                s -> s.getEvents().get(0), s -> s.getEvents(0, 1).get(0), s -> s.readEvents().findFirst().orElseThrow());
        assertExactPayment(appended);
        for (Function<EventStream, RecordedEvent> read : readPaths) {
            RecordedEvent event = read.apply(stream);
            assertThat(event.payloadJson()).isEqualTo(appended.payloadJson());
            assertExactPayment(event);
            assertThat(event.payloadAs(Payment.class).amount()).isEqualTo(new BigDecimal("100.00"));
        }
        assertExactPayment(stream.loadFromHistory().payload());
    }

    @Test
    protected void decimalsReadBackWithTheirScaleFromASnapshot() {
        // given: enough events that the first load stores a snapshot and the second folds from it
        EventStream stream = newStream();
        for (int from = 0; from < EVENTS_FOR_A_SNAPSHOT; from += Limits.MAX_EVENTS_PER_APPEND) {
            int count = Math.min(Limits.MAX_EVENTS_PER_APPEND, EVENTS_FOR_A_SNAPSHOT - from);
            stream.append(ExpectedVersion.exactly(from), IntStream.range(0, count)
                    .mapToObj(i -> NewEvent.of("PAID", Map.of("amount", new BigDecimal("100.00"))))
                    .toList());
        }

        // when
        JsonNode folded = stream.loadFromHistory().payload();
        stream.addEvent("PAID", Map.of("fee", new BigDecimal("0.50")));
        JsonNode fromSnapshot = stream.loadFromHistory().payload();

        // then
        assertThat(folded.get("amount").decimalValue()).isEqualTo(new BigDecimal("100.00"));
        assertThat(fromSnapshot.get("amount").decimalValue()).isEqualTo(new BigDecimal("100.00"));
        assertThat(fromSnapshot.get("fee").decimalValue()).isEqualTo(new BigDecimal("0.50"));
    }

    private static void assertExactPayment(RecordedEvent event) {
        assertThat(event.payloadJson()).contains("100.00", "0.10");
        assertExactPayment(event.payload());
    }

    private static void assertExactPayment(JsonNode payment) {
        // BigDecimal.equals compares the scale too: 100.00 is not 100.0, nor 1E+2.
        assertThat(payment.get("amount").decimalValue()).isEqualTo(new BigDecimal("100.00"));
        assertThat(payment.get("fee").decimalValue()).isEqualTo(new BigDecimal("0.10"));
        assertThat(payment.get("huge").decimalValue()).isEqualTo(new BigDecimal("1E+400"));
        assertThat(payment.get("tiny").decimalValue()).isEqualTo(new BigDecimal("-1.000E-400"));
    }

    @Test
    protected void numbersJsonCannotHoldAreRejectedBeforeAnythingIsWritten() {
        EventStream stream = newStream();

        assertPayloadRejected(stream, Map.of("amount", Double.NaN), "NaN");
        assertPayloadRejected(stream, Map.of("amount", Double.POSITIVE_INFINITY), "Infinity");
        assertPayloadRejected(stream, List.of(Float.NEGATIVE_INFINITY), "-Infinity");
        assertPayloadRejected(stream, JsonNodeFactory.instance.objectNode().put("amount", Double.NaN), "NaN");
        assertThat(stream.getEvents()).isEmpty();
    }

    @Test
    protected void numbersTooLongToReadBackAreRejectedAndTheLongestReadable() {
        // given
        EventStream stream = newStream();
        String longest = "9".repeat(Limits.MAX_PAYLOAD_NUMBER_CHARS);
        String tooLong = "9".repeat(Limits.MAX_PAYLOAD_NUMBER_CHARS + 1);

        // when / then
        assertPayloadRejected(stream, Map.of("n", new BigInteger(tooLong)), "MAX_PAYLOAD_NUMBER_CHARS");
        assertPayloadRejected(stream, Map.of("n", new BigDecimal(tooLong.substring(1) + ".5")),
                "MAX_PAYLOAD_NUMBER_CHARS");
        assertThat(stream.getEvents()).isEmpty();
        RecordedEvent stored = stream.addEvent("LONG", Map.of("n", new BigInteger(longest)));
        assertThat(stream.getEvents().get(0).payload().get("n").bigIntegerValue()).isEqualTo(new BigInteger(longest));
        assertThat(stream.getEvents()).containsExactly(stored);
    }

    @Test
    protected void payloadsNestedTooDeepToReadBackAreRejectedAndTheDeepestReadable() {
        // given
        EventStream stream = newStream();

        // when / then: as Java collections, as a tree, and as a collection that contains itself
        assertPayloadRejected(stream, nestedLists(Limits.MAX_PAYLOAD_DEPTH + 1), "MAX_PAYLOAD_DEPTH");
        assertPayloadRejected(stream, nestedLists(10_000), "MAX_PAYLOAD_DEPTH");
        assertPayloadRejected(stream, nestedArrays(Limits.MAX_PAYLOAD_DEPTH + 1), "MAX_PAYLOAD_DEPTH");
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        assertPayloadRejected(stream, cyclic, "MAX_PAYLOAD_DEPTH");
        List<Object> cyclicList = new ArrayList<>();
        cyclicList.add(cyclicList);
        assertPayloadRejected(stream, cyclicList, "MAX_PAYLOAD_DEPTH");
        assertThat(stream.getEvents()).isEmpty();
        RecordedEvent deepest = stream.addEvent("DEEP", nestedLists(Limits.MAX_PAYLOAD_DEPTH));
        assertThat(stream.getEvents()).containsExactly(deepest);
        assertThat(stream.loadFromHistory().payload()).isEqualTo(deepest.payload());
    }

    @Test
    protected void valuesWithNothingToSerializeAreRejected() {
        EventStream stream = newStream();

        assertPayloadRejected(stream, new Object(), "cannot be serialized");
        assertThat(stream.getEvents()).isEmpty();
    }

    @Test
    protected void eventOverTheSizeLimitIsRejectedNamingStreamTypeAndSize() {
        // given: a payload that alone is one byte too many once the names are counted
        EventStream stream = newStream();
        long names = utf8(stream.aggregation()) + utf8(stream.streamId()) + utf8("HUGE");
        String blob = "x".repeat((int) (Limits.MAX_EVENT_BYTES - names - 2 + 1));

        // when / then
        assertThatThrownBy(() -> stream.addEvent("HUGE", blob))
                .isInstanceOfSatisfying(EventTooLargeException.class, e -> {
                    assertThat(e.stream()).isEqualTo(stream.key());
                    assertThat(e.eventType()).isEqualTo("HUGE");
                    assertThat(e.sizeBytes()).isEqualTo(Limits.MAX_EVENT_BYTES + 1);
                    assertThat(e.maxBytes()).isEqualTo(Limits.MAX_EVENT_BYTES);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("HUGE", stream.key().toString());
                });
        assertThat(stream.getEvents()).isEmpty();
        assertThat(store().getStreams(stream.aggregation(), 0, 1)).isEmpty();
    }

    @Test
    protected void batchOverTheAppendLimitIsRejectedWhole() {
        // given: 12 events of 350 KB, 4.2 MB together
        EventStream stream = newStream();
        List<NewEvent> batch = IntStream.range(0, 12)
                .mapToObj(i -> NewEvent.of("BIG", Map.of("blob", "y".repeat(350 * 1024))))
                .toList();

        // when / then
        assertThatThrownBy(() -> stream.append(ExpectedVersion.noStream(), batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("events of one append to " + stream.key())
                .hasMessageContaining("MAX_APPEND_BYTES");
        assertThat(stream.getEvents()).isEmpty();
    }

    @Test
    protected void aBatchChangedWhileItIsAppendedIsAppendedAsFirstSeen() {
        // given: a list that answers each read differently, as one changed by another thread would
        EventStream stream = newStream();
        NewEvent first = NewEvent.of("ONE", Map.of());
        NewEvent second = NewEvent.of("TWO", Map.of());
        List<NewEvent> shifting = new ShiftingList(List.of(first, second), List.of(first, first),
                IntStream.range(0, 150).mapToObj(i -> NewEvent.of("MORE", Map.of("n", i))).toList());

        // when
        List<RecordedEvent> appended = stream.append(ExpectedVersion.noStream(), shifting).events();

        // then: one consistent view of the list was checked and stored, whatever the list said afterwards
        List<RecordedEvent> stored = stream.getEvents();
        assertThat(stored).containsExactlyElementsOf(appended);
        assertThat(stored).extracting(RecordedEvent::eventId).doesNotHaveDuplicates();
        assertThat(stored.size()).isBetween(1, Limits.MAX_EVENTS_PER_APPEND);
    }

    private static void assertPayloadRejected(EventStream stream, Object payload, String reason) {
        ThrowingCallable append = () -> stream.addEvent("REJECTED", payload);
        assertThatThrownBy(append).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload")
                .hasMessageContaining(reason);
    }

    private static Object nestedLists(int depth) {
        Object value = "leaf";
        for (int i = 0; i < depth; i++) {
            value = List.of(value);
        }
        return value;
    }

    private static JsonNode nestedArrays(int depth) {
        JsonNode value = JsonNodeFactory.instance.textNode("leaf");
        for (int i = 0; i < depth; i++) {
            value = JsonNodeFactory.instance.arrayNode().add(value);
        }
        return value;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A list whose every read (size, element, array) sees the next of its versions. */
    private static final class ShiftingList extends AbstractList<NewEvent> {
        private final List<List<NewEvent>> versions;
        private int reads;

        @SafeVarargs
        ShiftingList(List<NewEvent>... versions) {
            this.versions = List.of(versions);
        }

        private List<NewEvent> nextVersion() {
            return versions.get(Math.min(reads++, versions.size() - 1));
        }

        @Override
        public NewEvent get(int index) {
            List<NewEvent> version = nextVersion();
            return version.get(Math.min(index, version.size() - 1));
        }

        @Override
        public int size() {
            return nextVersion().size();
        }

        @Override
        public Object[] toArray() {
            return nextVersion().toArray();
        }

        @Override
        public <T> T[] toArray(T[] array) {
            return nextVersion().toArray(array);
        }
    }
}
