package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.Json;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sizes counted from lengths are the sizes of the items the table schema actually maps. */
class EventItemSizeTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "orders | o-1 | PLACED | {\"total\":42} | | 1 | ",
        "\u00e9t\u00e9 | \u65e5\u672c-\uD83D\uDE00 | CHANG\u00c9 | {\"note\":\"\u2713 \uD83C\uDF89\"} | PT720H | 1 | ",
        "a | b:c | X | [] | PT0.5S | 1 | ",
        "orders | o-1 | PLACED | {\"total\":42} | | 2 | ",
        "orders | o-1 | PLACED | {\"total\":42} | PT1H | 1000000 | ",
        "orders | o-1 | PLACED | {\"total\":42} | | 1 | corr-\u00e9",
        "\u00e9t\u00e9 | s | T | {} | PT720H | 987654 | \u65e5\u672c \"quoted\" \\ \uD83D\uDE00",
    })
    void theWorstCaseEventSizeIsThatOfTheMappedFirstEventAtTheLargestSequence(String aggregation, String streamId,
            String eventType, String payloadJson, Duration ttl, int revision, String correlationId) {
        StreamKey stream = new StreamKey(aggregation, streamId);
        Long expiry = EventItem.expiry(NOW, ttl);
        NewEvent event = new NewEvent(UUID.randomUUID(), eventType, Json.parse(payloadJson)).withRevision(revision)
                .withMetadata(correlationId == null ? EventMetadata.none()
                        : EventMetadata.correlatedWith(correlationId).withHeader("tenant", "acme \u00e9"));
        EventItem first = EventItem.event(stream, 1, event, NOW, expiry, true);
        Map<String, AttributeValue> mappedItem = EventItem.SCHEMA.itemToMap(first, true);
        long mapped = ItemSize.of(mappedItem);

        long counted = EventItem.worstCaseEventSize(stream, event, NOW, expiry);

        assertThat(counted)
                .isEqualTo(mapped - ItemSize.numberSize("1") + ItemSize.numberSize(Long.toString(Long.MAX_VALUE)));
        // The defaults are not stored at all, so an event without them is as large as before they existed.
        assertThat(mappedItem.containsKey(EventItem.REV)).isEqualTo(revision != 1);
        assertThat(mappedItem.containsKey(EventItem.META)).isEqualTo(correlationId != null);
    }

    @Test
    void anEventWithoutMetadataOrRevisionIsExactlyAsLargeAsItsPayloadNamesAndKeysMakeIt() {
        // given: the attributes an event item had before metadata and revisions existed, counted by hand
        StreamKey stream = new StreamKey("orders", "o-1");
        NewEvent event = NewEvent.of("PLACED", Map.of("total", 42));
        long before = EventItem.PK.length() + stream.asString().length()
                + EventItem.SEQ.length() + ItemSize.numberSize(Long.toString(Long.MAX_VALUE))
                + EventItem.ID.length() + 36
                + EventItem.TYPE.length() + "PLACED".length()
                + EventItem.DATA.length() + "{\"total\":42}".length()
                + EventItem.TS.length() + ItemSize.numberSize(Long.toString(NOW.toEpochMilli()))
                + EventItem.LIST_PK.length() + "streams:orders".length()
                + EventItem.LIST_SK.length() + "o-1".length()
                + EventItem.PENDING_PK.length() + EventItem.pendingPartition(stream.asString()).length()
                + EventItem.PENDING_SK.length() + 24;

        // when / then
        assertThat(EventItem.worstCaseEventSize(stream, event, NOW, null)).isEqualTo(before);
        // and metadata adds its name and JSON text, a revision its name and number
        NewEvent described = event.withMetadata(EventMetadata.correlatedWith("c-1")).withRevision(12);
        assertThat(EventItem.worstCaseEventSize(stream, described, NOW, null)).isEqualTo(before
                + EventItem.META.length() + "{\"correlationId\":\"c-1\"}".length()
                + EventItem.REV.length() + ItemSize.numberSize("12"));
    }

    @ParameterizedTest
    @CsvSource({"orders", "\u00e9t\u00e9-\uD83D\uDE00", "x"})
    void theAggregationMarkerSizeIsThatOfTheMappedMarker(String aggregation) {
        long mapped = ItemSize.of(EventItem.SCHEMA.itemToMap(EventItem.aggregationMarker(aggregation), true));

        assertThat(EventItem.aggregationMarkerSize(aggregation)).isEqualTo(mapped);
    }

    @Test
    void everyEventWithinTheStoresLimitsFitsOneItemAndEveryBatchOneTransaction() {
        // given: the longest names, TTL on, the highest revision, the largest metadata, and a payload (a JSON
        // string: its text is two quotes longer) that fills the rest of Limits.MAX_EVENT_BYTES
        String aggregation = "a".repeat(Limits.MAX_AGGREGATION_BYTES);
        String streamId = "s".repeat(Limits.MAX_STREAM_ID_BYTES);
        String eventType = "t".repeat(Limits.MAX_EVENT_TYPE_BYTES);
        EventMetadata metadata = largestMetadata();
        String metadataJson = metadata.toJson();
        String payload = "p".repeat(Limits.MAX_EVENT_BYTES - aggregation.length() - streamId.length()
                - eventType.length() - metadataJson.length() - 2);
        NewEvent event = NewEvent.of(eventType, payload).withMetadata(metadata).withRevision(Limits.MAX_REVISION);
        StreamKey stream = new StreamKey(aggregation, streamId);
        Instant farFuture = Instant.parse("9999-12-31T23:59:59.999Z");

        // when
        long item = EventItem.worstCaseEventSize(stream, event, farFuture,
                EventItem.expiry(farFuture, Duration.ofDays(365_000)));
        long overhead = item - Limits.MAX_EVENT_BYTES;

        // then
        assertThat(item).isLessThanOrEqualTo(ItemSize.MAX_ITEM_BYTES);
        assertThat((long) Limits.MAX_APPEND_BYTES + Limits.MAX_EVENTS_PER_APPEND * overhead
                + EventItem.aggregationMarkerSize(aggregation)).isLessThanOrEqualTo(ItemSize.MAX_TRANSACTION_BYTES);
    }

    /** Every header at its longest name, both ids at their longest, values filling the metadata's byte limit. */
    private static EventMetadata largestMetadata() {
        Map<String, String> headers = new TreeMap<>();
        int valueBytes = (Limits.MAX_METADATA_BYTES - 2 * Limits.MAX_METADATA_ID_BYTES) / Limits.MAX_METADATA_HEADERS
                - Limits.MAX_HEADER_NAME_CHARS;
        for (int i = 0; i < Limits.MAX_METADATA_HEADERS; i++) {
            headers.put(String.format("h%03d", i) + "n".repeat(Limits.MAX_HEADER_NAME_CHARS - 4),
                    "v".repeat(valueBytes));
        }
        return new EventMetadata("c".repeat(Limits.MAX_METADATA_ID_BYTES), "k".repeat(Limits.MAX_METADATA_ID_BYTES),
                headers);
    }
}
