package dev.eventstream.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.Json;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReceivedNotificationTest {
    private static final UUID EVENT_ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final String BODY = """
            {"event":{"eventId":"0f8fad5b-d9cb-469f-a165-70867728950e","sequence":3,"eventType":"PAID",\
            "commitTimestamp":"2024-05-01T10:15:30.123456789Z","payload":{"amount":12.5,"currency":"EUR"}},\
            "stream":{"aggregation":"orders","id":"a:b"}}""";

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
}
