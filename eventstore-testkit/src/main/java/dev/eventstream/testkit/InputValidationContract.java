package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is rejected with an exception naming the argument and what is wrong with it, before anything is
 * written; names at their longest and in any script are accepted, and names that a key joining aggregation and
 * stream id would confuse stay distinct streams.
 */
public abstract class InputValidationContract extends ContractPart {
    protected InputValidationContract(EventPersistenceContract contract) {
        super(contract);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bad input: rejected naming the argument, before anything is written

    static Stream<Arguments> invalidAggregations() {
        return invalidNames(Limits.MAX_AGGREGATION_BYTES);
    }

    static Stream<Arguments> invalidStreamIds() {
        return invalidNames(Limits.MAX_STREAM_ID_BYTES);
    }

    static Stream<Arguments> invalidEventTypes() {
        return invalidNames(Limits.MAX_EVENT_TYPE_BYTES);
    }

    /** Description, the invalid value, the exception type and a phrase of the reason the message must give. */
    private static Stream<Arguments> invalidNames(int maxUtf8Bytes) {
        return Stream.of(
                arguments("null", null, NullPointerException.class, "is null"),
                arguments("empty", "", IllegalArgumentException.class, "blank"),
                arguments("blank", "   ", IllegalArgumentException.class, "blank"),
                arguments("with a line feed", "line\nfeed", IllegalArgumentException.class, "control characters"),
                arguments("with a NUL", "nul\u0000", IllegalArgumentException.class, "control characters"),
                arguments("with a DEL", "del\u007f", IllegalArgumentException.class, "control characters"),
                arguments("with a lone high surrogate", "half\uD83D", IllegalArgumentException.class, "lone surrogate"),
                arguments("with a lone low surrogate", "\uDE00half", IllegalArgumentException.class, "lone surrogate"),
                arguments("one byte too long", "a".repeat(maxUtf8Bytes + 1),
                        IllegalArgumentException.class, "UTF-8 bytes"),
                arguments("too long in UTF-8 though short in characters", "\u00e9".repeat(maxUtf8Bytes / 2 + 1),
                        IllegalArgumentException.class, "UTF-8 bytes"));
    }

    @ParameterizedTest(name = "aggregation {0}")
    @MethodSource("dev.eventstream.testkit.InputValidationContract#invalidAggregations")
    protected void invalidAggregationIsRejectedBeforeAnythingIsWritten(
            String description, @Nullable String aggregation, Class<? extends RuntimeException> type, String reason) {
        // given
        List<String> before = persistence().aggregations(0, Limits.MAX_PAGE_SIZE);

        // when / then
        assertRejected(() -> store().getEventStream(aggregation, "stream").addEvent("PLACED", Map.of()),
                type, "aggregation", reason);
        assertRejected(() -> store().getStreams(aggregation, 0, 10), type, "aggregation", reason);
        assertThat(persistence().aggregations(0, Limits.MAX_PAGE_SIZE)).isEqualTo(before);
    }

    @ParameterizedTest(name = "streamId {0}")
    @MethodSource("dev.eventstream.testkit.InputValidationContract#invalidStreamIds")
    protected void invalidStreamIdIsRejectedBeforeAnythingIsWritten(
            String description, @Nullable String streamId, Class<? extends RuntimeException> type, String reason) {
        // given
        String aggregation = uniqueName("orders");

        // when / then
        assertRejected(() -> store().getEventStream(aggregation, streamId).addEvent("PLACED", Map.of()),
                type, "streamId", reason);
        assertThat(store().getStreams(aggregation, 0, 10)).isEmpty();
        assertThat(store().getAggregations(0, Limits.MAX_PAGE_SIZE)).doesNotContain(aggregation);
    }

    @ParameterizedTest(name = "eventType {0}")
    @MethodSource("dev.eventstream.testkit.InputValidationContract#invalidEventTypes")
    protected void invalidEventTypeIsRejectedBeforeAnythingIsWritten(
            String description, @Nullable String eventType, Class<? extends RuntimeException> type, String reason) {
        // given
        EventStream stream = newStream();

        // when / then
        assertRejected(() -> stream.addEvent(eventType, Map.of("item", "book")), type, "eventType", reason);
        assertThat(stream.getEvents()).isEmpty();
    }

    @Test
    protected void namesAtTheirLongestAndInAnyScriptAreAccepted() {
        // given
        String aggregation = padToUtf8Bytes(uniqueName("\u00e4pfel-\uD83C\uDF4E"), Limits.MAX_AGGREGATION_BYTES);
        String streamId = padToUtf8Bytes("\u65e5\u672c-" + UUID.randomUUID(), Limits.MAX_STREAM_ID_BYTES);
        String eventType = padToUtf8Bytes("\u00dcBERWIESEN-\uD83D\uDCB6", Limits.MAX_EVENT_TYPE_BYTES);
        EventStream stream = store().getEventStream(aggregation, streamId);

        // when
        RecordedEvent added = stream.addEvent(eventType, Map.of("amount", 1));

        // then
        assertThat(stream.getEvents()).containsExactly(added);
        assertThat(added.eventType()).isEqualTo(eventType);
        assertThat(store().getStreams(aggregation, 0, 10)).containsExactly(streamId);
        assertThat(store().getAggregations(0, Limits.MAX_PAGE_SIZE)).contains(aggregation);
    }

    @Test
    protected void payloadThatCannotBeSerializedIsRejectedBeforeAnythingIsWritten() {
        // given
        EventStream stream = newStream();

        // when / then
        assertRejected(() -> stream.addEvent("PLACED", new SelfReferencing()),
                IllegalArgumentException.class, "payload", "cannot be serialized");
        assertRejected(() -> stream.addEvent("PLACED", null), NullPointerException.class, "payload", "is null");
        assertThat(stream.getEvents()).isEmpty();
    }

    @Test
    protected void pagingArgumentsOutOfRangeAreRejected() {
        // given
        EventStream stream = newStream();
        appendNumbered(stream, 2);
        String aggregation = stream.aggregation();

        // when / then
        assertRejected(() -> stream.getEvents(-1, 10), IllegalArgumentException.class, "offset", "negative");
        assertRejected(() -> stream.getEvents(0, 0), IllegalArgumentException.class, "limit", "between 1 and");
        assertRejected(() -> stream.getEvents(0, -1), IllegalArgumentException.class, "limit", "between 1 and");
        assertRejected(() -> stream.getEvents(0, Limits.MAX_PAGE_SIZE + 1),
                IllegalArgumentException.class, "limit", "between 1 and");
        assertRejected(() -> store().getAggregations(-1, 10), IllegalArgumentException.class, "offset", "negative");
        assertRejected(() -> store().getAggregations(0, 0), IllegalArgumentException.class, "limit", "between 1 and");
        assertRejected(() -> store().getStreams(aggregation, -1, 10),
                IllegalArgumentException.class, "offset", "negative");
        assertRejected(() -> store().getStreams(aggregation, 0, 0),
                IllegalArgumentException.class, "limit", "between 1 and");
    }

    @Test
    protected void missingOrEmptyBatchIsRejected() {
        // given
        EventStream stream = newStream();

        // when / then
        assertRejected(() -> stream.append(ExpectedVersion.any(), null), NullPointerException.class, "events", "null");
        assertRejected(() -> stream.append(ExpectedVersion.any(), List.of()),
                IllegalArgumentException.class, "events", "empty");
        assertRejected(() -> stream.append(ExpectedVersion.any(), Arrays.asList(NewEvent.of("A", Map.of()), null)),
                NullPointerException.class, "events[1]", "null");
        assertRejected(() -> stream.append(null, numberedEvents("A", 1)),
                NullPointerException.class, "expected", "null");
        assertThat(stream.getEvents()).isEmpty();
    }

    @Test
    protected void batchLargerThanTheLimitIsRejectedWhole() {
        // given
        EventStream stream = newStream();

        // when / then
        assertRejected(() -> stream.append(ExpectedVersion.noStream(),
                        numberedEvents("BATCHED", Limits.MAX_EVENTS_PER_APPEND + 1)),
                IllegalArgumentException.class, "events", "at most " + Limits.MAX_EVENTS_PER_APPEND);
        assertThat(stream.getEvents()).isEmpty();
    }

    @Test
    protected void batchHoldingOneEventIdTwiceIsRejectedWhole() {
        // given
        EventStream stream = newStream();
        NewEvent twice = NewEvent.of("PLACED", Map.of());

        // when / then
        assertRejected(() -> stream.append(ExpectedVersion.noStream(),
                        List.of(twice, NewEvent.of("PAID", Map.of()), twice)),
                IllegalArgumentException.class, "events", twice.eventId().toString());
        assertThat(stream.getEvents()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Names that a joining key would confuse

    static Stream<Arguments> namePairsThatJoinAlike() {
        return Stream.of(
                arguments("a:b", "c", "a", "b:c"),
                arguments("a", "bc", "ab", "c"),
                arguments("a/b", "c", "a", "b/c"),
                arguments("a#b", "c", "a", "b#c"),
                arguments("a|b", "c", "a", "b|c"),
                arguments("1:a", "b", "1", ":ab"),
                arguments("\u00e9", "x", "e\u0301", "x"),
                arguments("Orders", "1", "orders", "1"));
    }

    @ParameterizedTest(name = "[{0}] + [{1}] vs [{2}] + [{3}]")
    @MethodSource("dev.eventstream.testkit.InputValidationContract#namePairsThatJoinAlike")
    protected void namesThatJoinAlikeAreDistinctStreams(
            String firstAggregation, String firstId, String secondAggregation, String secondId) {
        // given
        String prefix = uniqueName("p");
        EventStream first = store().getEventStream(prefix + firstAggregation, firstId);
        EventStream second = store().getEventStream(prefix + secondAggregation, secondId);

        // when
        RecordedEvent inFirst = first.addEvent("FIRST", Map.of("stream", 1));
        RecordedEvent inSecond = second.addEvent("SECOND", Map.of("stream", 2));

        // then
        assertThat(inSecond.sequence()).isEqualTo(1);
        assertThat(first.getEvents()).containsExactly(inFirst);
        assertThat(second.getEvents()).containsExactly(inSecond);
        assertThat(store().getStreams(prefix + firstAggregation, 0, 10)).containsExactly(firstId);
        assertThat(store().getStreams(prefix + secondAggregation, 0, 10)).containsExactly(secondId);
    }

    private static String padToUtf8Bytes(String name, int bytes) {
        int missing = bytes - name.getBytes(StandardCharsets.UTF_8).length;
        return name + "x".repeat(missing);
    }

    /** Jackson cannot serialize it: its only property refers to itself. */
    private static final class SelfReferencing {
        @SuppressWarnings("unused")
        public SelfReferencing getSelf() {
            return this;
        }
    }
}
