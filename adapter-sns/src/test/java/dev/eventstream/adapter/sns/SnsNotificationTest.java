package dev.eventstream.adapter.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.Json;
import dev.eventstream.api.Limits;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import org.junit.jupiter.api.Test;

class SnsNotificationTest {
    private static final Instant COMMITTED = Instant.parse("2024-05-01T10:15:30.123456Z");

    static RecordedEvent event(String streamId, long sequence, Object payload) {
        return new RecordedEvent("orders", streamId, sequence, UUID.randomUUID(), "PLACED",
                Json.toTree(payload, "payload"), COMMITTED);
    }

    /** An event as read from storage: its payload is the stored JSON text, parsed only if someone asks. */
    static RecordedEvent stored(long sequence, String payloadJson) {
        return RecordedEvent.withPayloadJson("orders", "123", sequence, UUID.randomUUID(), "PLACED", payloadJson,
                COMMITTED);
    }

    /** Metadata with both ids, several headers, non-ASCII text and characters JSON escapes. */
    private static final EventMetadata METADATA = EventMetadata.correlatedWith("order-42")
            .withCausationId("0d6e3a52-5b8e-4c1e-9a57-6f1f0c1a2b3c")
            .withHeader("tenant", "acme")
            .withHeader("user.name", "Zoë \"Ωmega\" 🚀")
            .withHeader("empty", "");

    /** A W3C trace context, as a traced store puts it in the metadata of the events it appends. */
    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    static RecordedEvent withMetadata(long sequence, int revision, EventMetadata metadata, String payloadJson) {
        return RecordedEvent.withPayloadJson("orders", "123", sequence, UUID.randomUUID(), "PLACED", revision,
                payloadJson, metadata, COMMITTED);
    }

    @Test
    void theBodyCarriesTheEventAndItsStreamInTheOriginalShape() {
        // given
        RecordedEvent event = event("123", 7, Map.of("total", 42));

        // when
        SnsNotification notification = SnsNotification.of(event, false);

        // then
        JsonNode body = Json.parse(notification.body());
        assertThat(body.path("stream").path("aggregation").asText()).isEqualTo("orders");
        assertThat(body.path("stream").path("id").asText()).isEqualTo("123");
        JsonNode sent = body.path("event");
        assertThat(sent.path("eventId").asText()).isEqualTo(event.eventId().toString());
        assertThat(sent.path("sequence").isIntegralNumber()).isTrue();
        assertThat(sent.path("sequence").asLong()).isEqualTo(7);
        assertThat(sent.path("eventType").asText()).isEqualTo("PLACED");
        assertThat(sent.path("commitTimestamp").asText()).isEqualTo("2024-05-01T10:15:30.123456Z");
        assertThat(sent.path("payload")).isEqualTo(event.payload());
        assertThat(sent.has("payloadOmitted")).isFalse();
        assertThat(notification.payloadOmitted()).isFalse();
        assertThat(sent.has("revision")).isFalse();
        assertThat(sent.has("metadata")).isFalse();
    }

    @Test
    void theRevisionAndTheMetadataGoInTheEventObject() {
        // given
        RecordedEvent event = withMetadata(7, 3, METADATA, "{\"total\":42}");

        // when
        SnsNotification notification = SnsNotification.of(event, false);

        // then
        JsonNode sent = Json.parse(notification.body()).path("event");
        assertThat(sent.path("revision").isIntegralNumber()).isTrue();
        assertThat(sent.path("revision").asInt()).isEqualTo(3);
        assertThat(sent.path("metadata")).isEqualTo(METADATA.toTree());
        assertThat(EventMetadata.fromTree(sent.path("metadata"))).isEqualTo(METADATA);
        assertThat(sent.path("payload")).isEqualTo(Json.parse("{\"total\":42}"));
    }

    @Test
    void revisionOneAndEmptyMetadataAreLeftOutOfTheBody() {
        // given: an event appended without either, as every event before they existed
        RecordedEvent event = withMetadata(7, 1, EventMetadata.none(), "{}");

        // when
        JsonNode sent = Json.parse(SnsNotification.of(event, false).body()).path("event");

        // then
        assertThat(sent.has("revision")).isFalse();
        assertThat(sent.has("metadata")).isFalse();
    }

    @Test
    void theCorrelationAndCausationIdsAreStringAttributesAndTheHeadersAreNot() {
        // given
        RecordedEvent event = withMetadata(7, 2, METADATA, "{}");

        // when
        SnsNotification notification = SnsNotification.of(event, false);

        // then
        assertThat(notification.attributes()).containsOnlyKeys(
                "aggregation", "streamId", "eventType", "eventId", "sequence", "correlationId", "causationId");
        assertThat(notification.attributes().get("correlationId").dataType()).isEqualTo("String");
        assertThat(notification.attributes().get("correlationId").stringValue()).isEqualTo("order-42");
        assertThat(notification.attributes().get("causationId").dataType()).isEqualTo("String");
        assertThat(notification.attributes().get("causationId").stringValue())
                .isEqualTo("0d6e3a52-5b8e-4c1e-9a57-6f1f0c1a2b3c");
    }

    @Test
    void anIdTheMetadataLacksIsNoAttribute() {
        // given
        RecordedEvent correlated = withMetadata(1, 1, EventMetadata.correlatedWith("c-1"), "{}");
        RecordedEvent caused = withMetadata(2, 1, EventMetadata.none().withCausationId("e-7"), "{}");
        RecordedEvent headersOnly = withMetadata(3, 1, EventMetadata.none().withHeader("tenant", "acme"), "{}");

        // then
        assertThat(SnsNotification.of(correlated, false).attributes()).containsKey("correlationId")
                .doesNotContainKey("causationId");
        assertThat(SnsNotification.of(caused, false).attributes()).containsKey("causationId")
                .doesNotContainKey("correlationId");
        assertThat(SnsNotification.of(headersOnly, false).attributes())
                .doesNotContainKeys("correlationId", "causationId", "tenant");
        assertThat(Json.parse(SnsNotification.of(headersOnly, false).body()).path("event").path("metadata"))
                .isEqualTo(Json.parse("{\"headers\":{\"tenant\":\"acme\"}}"));
    }

    @Test
    void aTraceparentHeaderIsAlsoAStringAttributeAndStaysInTheBody() {
        // given
        RecordedEvent event = withMetadata(1, 1, EventMetadata.none().withHeader("traceparent", TRACEPARENT)
                .withHeader("tenant", "acme"), "{}");

        // when
        SnsNotification notification = SnsNotification.of(event, false);

        // then
        assertThat(notification.attributes().get("traceparent"))
                .isEqualTo(MessageAttributeValue.builder().dataType("String").stringValue(TRACEPARENT).build());
        assertThat(notification.attributes()).doesNotContainKey("tenant");
        assertThat(Json.parse(notification.body()).path("event").path("metadata").path("headers")
                .path("traceparent").asText()).isEqualTo(TRACEPARENT);
        assertThat(SnsNotification.of(withMetadata(2, 1, METADATA, "{}"), false).attributes())
                .doesNotContainKey("traceparent");
    }

    @Test
    void aTraceparentNoTracingCouldReadStaysInTheBodyOnly() {
        for (String odd : List.of("", "00 0af7651916cd43dd8448eb211c80319c", "x".repeat(513), "00-Zoë-01")) {
            // given
            RecordedEvent event = withMetadata(1, 1, EventMetadata.none().withHeader("traceparent", odd), "{}");

            // when
            SnsNotification notification = SnsNotification.of(event, false);

            // then
            assertThat(notification.attributes()).as(odd).doesNotContainKey("traceparent");
            assertThat(Json.parse(notification.body()).path("event").path("metadata").path("headers")
                    .path("traceparent").asText()).isEqualTo(odd);
        }
    }

    @Test
    void theSizeCountsTheTraceparentAttributeAsTheOthers() {
        // given
        EventMetadata traced = EventMetadata.none().withHeader("traceparent", TRACEPARENT);

        // when
        SnsNotification notification = SnsNotification.of(withMetadata(3, 1, traced, "{\"n\":1}"), false);

        // then: the header in the body, and the attribute's name, type and value
        long untraced = SnsNotification.of(withMetadata(3, 1, EventMetadata.none(), "{\"n\":1}"), false)
                .sizeBytes();
        assertThat(notification.sizeBytes()).isEqualTo(untraced + utf8(",\"metadata\":" + traced.toJson())
                + utf8("traceparent" + "String" + TRACEPARENT));
    }

    @Test
    void theMostAttributesANotificationCarriesLeaveASlotOfSnsTenFree() {
        // given: every attribute there is, the trace context's too, the payload left out
        RecordedEvent event = withMetadata(1, 2, METADATA.withHeader("traceparent", TRACEPARENT),
                "{\"blob\":\"" + "x".repeat(SnsNotification.MAX_SIZE_BYTES) + "\"}");

        // when
        SnsNotification notification = SnsNotification.of(event, true);

        // then
        assertThat(notification.payloadOmitted()).isTrue();
        assertThat(notification.attributes()).hasSize(9).containsKey("traceparent");
        assertThat(notification.attributes().size())
                .isLessThanOrEqualTo(SnsNotification.MAX_ATTRIBUTES - SnsNotification.RESERVED_ATTRIBUTES);
    }

    @Test
    void attributesAreStringsExceptTheNumericSequence() {
        // given
        RecordedEvent event = event("123", 7, Map.of());

        // when
        SnsNotification notification = SnsNotification.of(event, false);

        // then
        assertThat(notification.attributes()).containsOnlyKeys(
                "aggregation", "streamId", "eventType", "eventId", "sequence");
        assertThat(notification.attributes().get("aggregation").dataType()).isEqualTo("String");
        assertThat(notification.attributes().get("aggregation").stringValue()).isEqualTo("orders");
        assertThat(notification.attributes().get("streamId").stringValue()).isEqualTo("123");
        assertThat(notification.attributes().get("eventType").stringValue()).isEqualTo("PLACED");
        assertThat(notification.attributes().get("eventId").stringValue()).isEqualTo(event.eventId().toString());
        assertThat(notification.attributes().get("sequence").dataType()).isEqualTo("Number");
        assertThat(notification.attributes().get("sequence").stringValue()).isEqualTo("7");
        assertThat(notification.attributes().values()).allSatisfy(value -> assertThat(value.binaryValue()).isNull());
    }

    @Test
    void onlyFifoNotificationsCarryAGroupAndADeduplicationId() {
        // given
        RecordedEvent event = event("123", 1, Map.of());

        // when
        SnsNotification standard = SnsNotification.of(event, false);
        SnsNotification fifo = SnsNotification.of(event, true);

        // then
        assertThat(standard.groupId()).isNull();
        assertThat(standard.deduplicationId()).isNull();
        assertThat(fifo.groupId()).isEqualTo("6:orders123");
        assertThat(fifo.deduplicationId()).isEqualTo(event.eventId().toString());
    }

    @Test
    void aStreamKeySnsCannotTakeAsGroupIdIsHashed() {
        // given
        List<StreamKey> unfit = List.of(
                StreamKey.of("orders", "x".repeat(200)),
                StreamKey.of("orders", "with space"),
                StreamKey.of("commandes", "numéro-1"));

        // then
        for (StreamKey stream : unfit) {
            assertThat(SnsNotification.groupId(stream))
                    .matches("[0-9a-f]{64}")
                    .isEqualTo(SnsNotification.groupId(StreamKey.of(stream.aggregation(), stream.streamId())));
        }
        assertThat(unfit.stream().map(SnsNotification::groupId).distinct()).hasSize(unfit.size());
        assertThat(SnsNotification.groupId(StreamKey.of("a:b", "c")))
                .isNotEqualTo(SnsNotification.groupId(StreamKey.of("a", "b:c")));
        assertThat(SnsNotification.groupId(StreamKey.of("orders", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")))
                .isEqualTo("6:orders!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
    }

    @Test
    void aNotificationOverTheSnsLimitLeavesOutThePayloadAndSaysSo() {
        // given
        RecordedEvent event = event("123", 3, Map.of("blob", "x".repeat(SnsNotification.MAX_SIZE_BYTES)));

        // when
        SnsNotification notification = SnsNotification.of(event, true);

        // then
        assertThat(notification.payloadOmitted()).isTrue();
        assertThat(notification.sizeBytes()).isLessThan(SnsNotification.MAX_SIZE_BYTES);
        JsonNode sent = Json.parse(notification.body()).path("event");
        assertThat(sent.has("payload")).isFalse();
        assertThat(sent.path("payloadOmitted").asBoolean()).isTrue();
        assertThat(sent.path("sequence").asLong()).isEqualTo(3);
        assertThat(notification.attributes().get("payloadOmitted").stringValue()).isEqualTo("true");
        assertThat(notification.groupId()).isEqualTo("6:orders123");
    }

    @Test
    void aNotificationJustUnderTheLimitKeepsItsPayload() {
        // given: the size counts the body and every attribute name, type and value
        RecordedEvent small = event("123", 3, Map.of("blob", ""));
        long overhead = SnsNotification.of(small, false).sizeBytes();
        int room = (int) (SnsNotification.MAX_SIZE_BYTES - overhead);
        RecordedEvent exact = event("123", 3, Map.of("blob", "x".repeat(room)));
        RecordedEvent over = event("123", 3, Map.of("blob", "x".repeat(room + 1)));

        // then
        assertThat(SnsNotification.of(exact, false).sizeBytes()).isEqualTo(SnsNotification.MAX_SIZE_BYTES);
        assertThat(SnsNotification.of(exact, false).payloadOmitted()).isFalse();
        assertThat(SnsNotification.of(over, false).payloadOmitted()).isTrue();
    }

    @Test
    void theSizeCountsTheMetadataInTheBodyAndItsIdsAsAttributes() {
        // given
        RecordedEvent event = withMetadata(3, 3, METADATA, "{\"n\":1}");

        // when
        SnsNotification notification = SnsNotification.of(event, false);

        // then
        long expected = utf8(notification.body());
        for (Map.Entry<String, MessageAttributeValue> attribute : notification.attributes().entrySet()) {
            expected += utf8(attribute.getKey()) + utf8(attribute.getValue().dataType())
                    + utf8(attribute.getValue().stringValue());
        }
        assertThat(notification.sizeBytes()).isEqualTo(expected);
        long withoutMetadata = SnsNotification.of(withMetadata(3, 3, EventMetadata.none(), "{\"n\":1}"), false)
                .sizeBytes();
        long metadataInBody = utf8(",\"metadata\":" + METADATA.toJson());
        long idAttributes = utf8("correlationId" + "String" + "order-42")
                + utf8("causationId" + "String" + "0d6e3a52-5b8e-4c1e-9a57-6f1f0c1a2b3c");
        assertThat(notification.sizeBytes()).isEqualTo(withoutMetadata + metadataInBody + idAttributes);
    }

    @Test
    void withMetadataANotificationJustUnderTheLimitKeepsItsPayloadAndOneByteMoreLeavesOnlyThePayloadOut() {
        // given: the room is what is left once the metadata is counted
        long overhead = SnsNotification.of(withMetadata(3, 2, METADATA, "{\"blob\":\"\"}"), false).sizeBytes();
        int room = (int) (SnsNotification.MAX_SIZE_BYTES - overhead);
        RecordedEvent exact = withMetadata(3, 2, METADATA, "{\"blob\":\"" + "x".repeat(room) + "\"}");
        RecordedEvent over = withMetadata(3, 2, METADATA, "{\"blob\":\"" + "x".repeat(room + 1) + "\"}");

        // when
        SnsNotification kept = SnsNotification.of(exact, true);
        SnsNotification omitted = SnsNotification.of(over, true);

        // then
        assertThat(kept.sizeBytes()).isEqualTo(SnsNotification.MAX_SIZE_BYTES);
        assertThat(kept.payloadOmitted()).isFalse();
        assertThat(omitted.payloadOmitted()).isTrue();
        JsonNode sent = Json.parse(omitted.body()).path("event");
        assertThat(sent.has("payload")).isFalse();
        assertThat(sent.path("revision").asInt()).isEqualTo(2);
        assertThat(EventMetadata.fromTree(sent.path("metadata"))).isEqualTo(METADATA);
        assertThat(omitted.attributes().get("correlationId").stringValue()).isEqualTo("order-42");
    }

    @Test
    void theLargestMetadataSurvivesTheFallbackWithinTheLimit() {
        // given: metadata at Limits.MAX_METADATA_BYTES, every value character one JSON escapes, and a payload of
        // the largest event the store takes
        TreeMap<String, String> headers = new TreeMap<>();
        int nameChars = Limits.MAX_HEADER_NAME_CHARS;
        int valueBytes = (Limits.MAX_METADATA_BYTES - 2 * Limits.MAX_METADATA_ID_BYTES) / Limits.MAX_METADATA_HEADERS
                - nameChars;
        for (int i = 0; i < Limits.MAX_METADATA_HEADERS; i++) {
            headers.put(String.format("h%03d", i) + "n".repeat(nameChars - 4), "\"".repeat(valueBytes));
        }
        EventMetadata largest = new EventMetadata("\\".repeat(Limits.MAX_METADATA_ID_BYTES),
                "\"".repeat(Limits.MAX_METADATA_ID_BYTES), headers);
        RecordedEvent event = RecordedEvent.withPayloadJson("a".repeat(Limits.MAX_AGGREGATION_BYTES),
                "\"".repeat(Limits.MAX_STREAM_ID_BYTES), 1, UUID.randomUUID(),
                "\\".repeat(Limits.MAX_EVENT_TYPE_BYTES), Limits.MAX_REVISION,
                "\"" + "x".repeat(Limits.MAX_EVENT_BYTES - 40_000) + "\"", largest, COMMITTED);

        // when
        SnsNotification notification = SnsNotification.of(event, true);

        // then
        assertThat(notification.payloadOmitted()).isTrue();
        assertThat(notification.sizeBytes()).isLessThanOrEqualTo(SnsNotification.MAX_SIZE_BYTES);
        JsonNode sent = Json.parse(notification.body()).path("event");
        assertThat(EventMetadata.fromTree(sent.path("metadata"))).isEqualTo(largest);
        assertThat(sent.path("revision").asInt()).isEqualTo(Limits.MAX_REVISION);
    }

    @Test
    void aStoredPayloadIsEmbeddedAsTheStoredTextWithEveryDigitKept() {
        // given
        String stored = "{\"amount\":100.00,\"rate\":0.1000000000000000000000000001,\"big\":1e400}";
        RecordedEvent event = stored(7, stored);

        // when
        SnsNotification notification = SnsNotification.of(event, false);

        // then
        assertThat(notification.body()).contains("\"payload\":" + stored + "}");
        assertThat(Json.parse(notification.body()).path("event").path("sequence").asLong()).isEqualTo(7);
    }

    @Test
    void aStoredPayloadBeyondTheJsonReadersLimitsIsStillPublishable() {
        // given: a number of 1,001 digits and a tree 1,001 deep, neither of which the store's JSON reader parses
        String longNumber = "{\"n\":" + "9".repeat(1_001) + "}";
        String deepTree = "[".repeat(1_001) + "]".repeat(1_001);

        // when
        SnsNotification number = SnsNotification.of(stored(1, longNumber), true);
        SnsNotification deep = SnsNotification.of(stored(2, deepTree), true);

        // then
        assertThat(number.body()).contains("\"payload\":" + longNumber + "}");
        assertThat(deep.body()).contains("\"payload\":" + deepTree + "}");
        assertThat(number.payloadOmitted()).isFalse();
        assertThat(deep.payloadOmitted()).isFalse();
    }

    @Test
    void aPayloadGivenAsATreeIsWrittenAsCompactJson() {
        // given
        RecordedEvent event = event("123", 1, Map.of("lines", List.of(Map.of("sku", "book"))));

        // when
        SnsNotification notification = SnsNotification.of(event, false);

        // then
        assertThat(notification.body()).contains("\"payload\":{\"lines\":[{\"sku\":\"book\"}]}}");
    }

    @Test
    void batchesHoldAtMostTenNotificationsInOrder() {
        // given
        List<SnsEventPublisher.Entry> entries = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> entry(event("123", i, Map.of("i", i))))
                .toList();

        // when
        List<List<SnsEventPublisher.Entry>> batches = SnsEventPublisher.batches(entries);

        // then
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(entries);
    }

    @Test
    void batchesHoldAtMost256KiBInTotal() {
        // given: 100 KB notifications, so only two fit in one call
        List<SnsEventPublisher.Entry> entries = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> entry(event("123", i, Map.of("blob", "x".repeat(100_000)))))
                .toList();

        // when
        List<List<SnsEventPublisher.Entry>> batches = SnsEventPublisher.batches(entries);

        // then
        assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.stream()
                .mapToLong(entry -> entry.notification().sizeBytes()).sum())
                .isLessThanOrEqualTo(SnsNotification.MAX_SIZE_BYTES));
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(entries);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static SnsEventPublisher.Entry entry(RecordedEvent event) {
        return new SnsEventPublisher.Entry(event, SnsNotification.of(event, true));
    }
}
