package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.Limits;
import dev.eventstream.api.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sizes counted from lengths are the sizes of the items the table schema actually maps. */
class EventItemSizeTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "orders | o-1 | PLACED | {\"total\":42} | ",
        "\u00e9t\u00e9 | \u65e5\u672c-\uD83D\uDE00 | CHANG\u00c9 | {\"note\":\"\u2713 \uD83C\uDF89\"} | PT720H",
        "a | b:c | X | [] | PT0.5S",
    })
    void theWorstCaseEventSizeIsThatOfTheMappedFirstEventAtTheLargestSequence(String aggregation, String streamId,
            String eventType, String payloadJson, Duration ttl) {
        StreamKey stream = new StreamKey(aggregation, streamId);
        Long expiry = EventItem.expiry(NOW, ttl);
        EventItem first = EventItem.event(stream, 1, UUID.randomUUID(), eventType, payloadJson, NOW, expiry, true);
        long mapped = ItemSize.of(EventItem.SCHEMA.itemToMap(first, true));

        long counted = EventItem.worstCaseEventSize(stream, eventType, payloadJson, NOW, expiry);

        assertThat(counted)
                .isEqualTo(mapped - ItemSize.numberSize("1") + ItemSize.numberSize(Long.toString(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @CsvSource({"orders", "\u00e9t\u00e9-\uD83D\uDE00", "x"})
    void theAggregationMarkerSizeIsThatOfTheMappedMarker(String aggregation) {
        long mapped = ItemSize.of(EventItem.SCHEMA.itemToMap(EventItem.aggregationMarker(aggregation), true));

        assertThat(EventItem.aggregationMarkerSize(aggregation)).isEqualTo(mapped);
    }

    @Test
    void everyEventWithinTheStoresLimitsFitsOneItemAndEveryBatchOneTransaction() {
        // given: the longest names, TTL on, and a payload that fills the rest of Limits.MAX_EVENT_BYTES
        String aggregation = "a".repeat(Limits.MAX_AGGREGATION_BYTES);
        String streamId = "s".repeat(Limits.MAX_STREAM_ID_BYTES);
        String eventType = "t".repeat(Limits.MAX_EVENT_TYPE_BYTES);
        String payload = "p".repeat(Limits.MAX_EVENT_BYTES - aggregation.length() - streamId.length()
                - eventType.length());
        StreamKey stream = new StreamKey(aggregation, streamId);
        Instant farFuture = Instant.parse("9999-12-31T23:59:59.999Z");

        // when
        long item = EventItem.worstCaseEventSize(stream, eventType, payload, farFuture,
                EventItem.expiry(farFuture, Duration.ofDays(365_000)));
        long overhead = item - Limits.MAX_EVENT_BYTES;

        // then
        assertThat(item).isLessThanOrEqualTo(ItemSize.MAX_ITEM_BYTES);
        assertThat((long) Limits.MAX_APPEND_BYTES + Limits.MAX_EVENTS_PER_APPEND * overhead
                + EventItem.aggregationMarkerSize(aggregation)).isLessThanOrEqualTo(ItemSize.MAX_TRANSACTION_BYTES);
    }
}
