package dev.eventstream.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.Json;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceivedNotificationTest {
    private static final UUID EVENT_ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final String BODY = """
            {"event":{"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","sequence":3,"eventType":"PAID",\
            "commitTimestamp":"2024-05-01T10:15:30.123456789Z","payload":{"amount":12.5,"currency":"EUR"}},\
            "stream":{"aggregation":"orders","id":"a:b"}}""";

    /** What a publisher writes for an event with a revision and metadata: both in the event object. */
    private static final String BODY_WITH_METADATA = """
            {"event":{"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","sequence":3,"eventType":"PAID","revision":4,\
            "commitTimestamp":"2024-05-01T10:15:30.123456789Z","metadata":{"correlationId":"order-42",\
            "causationId":"cmd-7","headers":{"empty":"","tenant":"acme",\
            "user.name":"Zo\u00eb \\"\u03a9\\" \ud83d\ude80"}},\
            "payload":{"amount":12.5}},"stream":{"aggregation":"orders","id":"a:b"}}""";
    private static final EventMetadata METADATA = EventMetadata.correlatedWith("order-42").withCausationId("cmd-7")
            .withHeader("tenant", "acme").withHeader("user.name", "Zo\u00eb \"\u03a9\" \ud83d\ude80")
            .withHeader("empty", "");

    @Test
    void aMessageFromBeforeRevisionsAndMetadataIsRevisionOneWithoutMetadata() {
        // when: BODY is what every publisher wrote before the two fields existed
        ReceivedNotification notification = ReceivedNotification.parse(BODY);

        // then
        assertThat(notification.revision()).isEqualTo(1);
        assertThat(notification.metadata()).isEqualTo(EventMetadata.none());
        assertThat(notification.toEvent().revision()).isEqualTo(1);
        assertThat(notification.toEvent().metadata().isEmpty()).isTrue();
    }

    @Test
    void theRevisionAndTheMetadataOfTheBodyReachTheRecordedEvent() {
        // when
        RecordedEvent event = ReceivedNotification.parse(BODY_WITH_METADATA).toEvent();

        // then
        assertThat(event).isEqualTo(RecordedEvent.withPayloadJson("orders", "a:b", 3, EVENT_ID, "PAID", 4,
                "{\"amount\":12.5}", METADATA, Instant.parse("2024-05-01T10:15:30.123456789Z")));
        assertThat(event.revision()).isEqualTo(4);
        assertThat(event.metadata()).isEqualTo(METADATA);
        assertThat(event.payloadJson()).isEqualTo("{\"amount\":12.5}");
    }

    @Test
    void anEnvelopedMessageCarriesItsRevisionAndMetadataToo() {
        // given
        ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("Type", "Notification")
                .put("Message", BODY_WITH_METADATA);

        // when
        RecordedEvent event = ReceivedNotification.parse(Json.write(envelope)).toEvent();

        // then
        assertThat(event).isEqualTo(ReceivedNotification.parse(BODY_WITH_METADATA).toEvent());
        assertThat(event.metadata()).isEqualTo(METADATA);
    }

    @Test
    void aNotificationWithoutItsPayloadStillCarriesItsRevisionAndMetadata() {
        // given
        String body = BODY_WITH_METADATA.replace("\"payload\":{\"amount\":12.5}", "\"payloadOmitted\":true");

        // when
        ReceivedNotification notification = ReceivedNotification.parse(body);

        // then
        assertThat(notification.payloadOmitted()).isTrue();
        assertThat(notification.revision()).isEqualTo(4);
        assertThat(notification.metadata()).isEqualTo(METADATA);
    }

    @Test
    void nullRevisionAndMetadataAndUnknownMetadataFieldsReadAsTheirDefaults() {
        // given
        String nulls = BODY.replace("\"sequence\":3", "\"sequence\":3,\"revision\":null,\"metadata\":null");
        String later = BODY.replace("\"sequence\":3",
                "\"sequence\":3,\"metadata\":{\"correlationId\":\"c-1\",\"traceState\":{\"a\":[1]}}");
        String empty = BODY.replace("\"sequence\":3", "\"sequence\":3,\"metadata\":{}");

        // then
        assertThat(ReceivedNotification.parse(nulls).revision()).isEqualTo(1);
        assertThat(ReceivedNotification.parse(nulls).metadata()).isEqualTo(EventMetadata.none());
        assertThat(ReceivedNotification.parse(later).metadata()).isEqualTo(EventMetadata.correlatedWith("c-1"));
        assertThat(ReceivedNotification.parse(empty).metadata()).isEqualTo(EventMetadata.none());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.0", "2e1", "\"2\"", "true", "1000001", "2147483648",
            "99999999999999999999"})
    void aRevisionThatIsNoneTheStoreCouldHaveIsRejected(String revision) {
        // given
        String body = BODY.replace("\"sequence\":3", "\"sequence\":3,\"revision\":" + revision);

        // then
        assertThatThrownBy(() -> ReceivedNotification.parse(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event.revision must be a whole number from 1 to 1000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"hunter2\"", "[\"hunter2\"]", "7", "{\"headers\":{\"hunter2\":7}}",
            "{\"headers\":{\"hunter2 name\":\"v\"}}", "{\"headers\":[\"hunter2\"]}", "{\"correlationId\":\" \"}",
            "{\"correlationId\":7}", "{\"causationId\":\"hunter2\\u0007\"}", "{\"headers\":{\"AWS.hunter2\":\"v\"}}",
            "{\"headers\":{\"hunter2\":\"\\u0000\"}}", "{\"correlationId\":\"HUNTER2_TOO_LONG_ID\"}"})
    void damagedMetadataIsRejectedWithoutQuotingIt(String metadata) {
        // given
        String value = metadata.replace("HUNTER2_TOO_LONG_ID", "hunter2".repeat(40));
        String body = BODY.replace("\"sequence\":3", "\"sequence\":3,\"metadata\":" + value);

        // then
        assertThatThrownBy(() -> ReceivedNotification.parse(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("event.metadata is not event metadata")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void aRawMessageBecomesTheRecordedEvent() {
        // when
        RecordedEvent event = ReceivedNotification.parse(BODY).toEvent();

        // then
        assertThat(event).isEqualTo(new RecordedEvent("orders", "a:b", 3, EVENT_ID, "PAID",
                Json.toTree(Map.of("amount", 12.5, "currency", "EUR"), "payload"),
                Instant.parse("2024-05-01T10:15:30.123456789Z")));
    }

    @Test
    void anSnsEnvelopeIsUnwrapped() {
        // given: what a queue receives when raw message delivery is off
        ObjectNode envelope = JsonNodeFactory.instance.objectNode()
                .put("Type", "Notification")
                .put("MessageId", UUID.randomUUID().toString())
                .put("TopicArn", "arn:aws:sns:us-east-1:123456789012:orders")
                .put("Message", BODY);

        // when
        ReceivedNotification notification = ReceivedNotification.parse(Json.write(envelope));

        // then
        assertThat(notification.toEvent()).isEqualTo(ReceivedNotification.parse(BODY).toEvent());
    }

    @Test
    void aNotificationWithoutItsPayloadSaysSo() {
        // given
        String body = """
                {"event":{"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","sequence":3,"eventType":"PAID",\
                "commitTimestamp":"2024-05-01T10:15:30Z","payloadOmitted":true},\
                "stream":{"aggregation":"orders","id":"123"}}""";

        // when
        ReceivedNotification notification = ReceivedNotification.parse(body);

        // then
        assertThat(notification.payloadOmitted()).isTrue();
        assertThat(notification.stream()).isEqualTo(StreamKey.of("orders", "123"));
        assertThat(notification.sequence()).isEqualTo(3);
        assertThat(notification.eventId()).isEqualTo(EVENT_ID);
        assertThatThrownBy(notification::toEvent).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("carries no payload");
    }

    @Test
    void aBodyThatIsNotAnEventNotificationIsRejectedSayingWhy() {
        assertThatThrownBy(() -> ReceivedNotification.parse("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> ReceivedNotification.parse(BODY.replace("\"sequence\":3", "\"sequence\":\"3\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event.sequence must be a whole number of at least 1");
        assertThatThrownBy(() -> ReceivedNotification.parse(BODY.replace("\"id\":\"a:b\"", "\"id\":7")))
                .hasMessage("stream.id must be a string");
        assertThatThrownBy(() -> ReceivedNotification.parse(BODY.replace("0f8fad5b-", "x-")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReceivedNotification.parse(BODY.replace("2024-05-01T", "yesterday")))
                .hasMessage("event.commitTimestamp is not an ISO-8601 instant");
        assertThatThrownBy(() -> ReceivedNotification.parse(BODY.replace("\"payload\"", "\"data\"")))
                .hasMessage("event.payload is missing and not flagged as omitted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":100.00,\"currency\":\"EUR\"}", "{ \"a\" : [ 1 , 2.50 ] , \"b\" : { } }",
            "100.00", "1e400", "-0.0", "\"a \\\"quoted\\\" }, text\"", "true", "null", "[]", "\"\""})
    void thePayloadIsTheExactTextOfTheBodyParsedOnlyWhenAskedFor(String payload) {
        // given
        String body = BODY.replace("{\"amount\":12.5,\"currency\":\"EUR\"}", payload);

        // when
        RecordedEvent event = ReceivedNotification.parse(body).toEvent();

        // then
        assertThat(event.payloadJson()).isEqualTo(payload);
        assertThat(event.payload()).isEqualTo(Json.parse(payload));
    }

    @Test
    void aPayloadNearlyAsDeepAsTheStoreAllowsIsReadThoughTheEnvelopeAddsDepth() {
        // given: 999 levels of payload plus the two of the notification exceed Jackson's default of 1,000
        String payload = "[".repeat(999) + "]".repeat(999);
        String body = BODY.replace("{\"amount\":12.5,\"currency\":\"EUR\"}", payload);
        ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("Type", "Notification").put("Message", body);

        // when
        ReceivedNotification raw = ReceivedNotification.parse(body);
        ReceivedNotification enveloped = ReceivedNotification.parse(Json.write(envelope));

        // then
        assertThat(raw.payloadJson()).isEqualTo(payload);
        assertThat(enveloped.payloadJson()).isEqualTo(payload);
        assertThat(raw.toEvent().eventId()).isEqualTo(EVENT_ID);
    }

    @Test
    void aPayloadBeyondTheStoresJsonReaderArrivesAsTextWithEveryDigit() {
        // given
        String payload = "{\"amount\":" + "9".repeat(5_000) + ".00}";
        String deep = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);

        // when
        ReceivedNotification number = ReceivedNotification.parse(BODY.replace("{\"amount\":12.5,\"currency\":\"EUR\"}",
                payload));
        ReceivedNotification tree = ReceivedNotification.parse(BODY.replace("{\"amount\":12.5,\"currency\":\"EUR\"}",
                deep));

        // then
        assertThat(number.payloadJson()).isEqualTo(payload);
        assertThat(tree.payloadJson()).isEqualTo(deep);
    }

    @Test
    void fieldsInAnyOrderAndUnknownFieldsAreRead() {
        // given
        String body = """
                {"v":2,"stream":{"id":"123","extra":[1,{"x":2}],"aggregation":"orders"},"event":{"payload":{"n":1},\
                "future":{"deep":[[]]},"commitTimestamp":"2024-05-01T10:15:30Z","eventType":"PAID","sequence":3,\
                "eventId":"0f8fad5b-d9cb-469f-a165-70867728950e"}}""";

        // when
        ReceivedNotification notification = ReceivedNotification.parse(body);

        // then
        assertThat(notification.stream()).isEqualTo(StreamKey.of("orders", "123"));
        assertThat(notification.sequence()).isEqualTo(3);
        assertThat(notification.payloadJson()).isEqualTo("{\"n\":1}");
    }

    @Test
    void aSequenceThatIsNoLongIsRejected() {
        for (String sequence : List.of("0", "-1", "1.0", "1e3", "9223372036854775808", "1".repeat(30), "null")) {
            String body = BODY.replace("\"sequence\":3", "\"sequence\":" + sequence);
            assertThatThrownBy(() -> ReceivedNotification.parse(body))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("event.sequence must be a whole number of at least 1");
        }
        assertThat(ReceivedNotification.parse(BODY.replace("\"sequence\":3", "\"sequence\":9223372036854775807"))
                .sequence()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRejectionNeverQuotesTheBody() {
        // given: bodies holding a secret where the reader stops
        List<String> bodies = List.of("hunter2", "{\"event\":{\"payload\":{\"password\":\"hunter2\"}} hunter2",
                BODY.replace("\"EUR\"}", "\"EUR\", hunter2}"), BODY.replace("PAID", "PAID\"hunter2"),
                BODY.replace("0f8fad5b-", "hunter2-"), BODY + "hunter2");

        // then
        for (String body : bodies) {
            assertThatThrownBy(() -> ReceivedNotification.parse(body))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        }
    }
}
