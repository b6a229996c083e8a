package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bound from char lengths is never below the exact worst-case size of the item. */
class ItemBoundTest {
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59.999Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // aggregation | stream id | event type | payload text repeated | times
        "orders | o-1 | PLACED | x | 200",
        "\u00e9t\u00e9 | \u65e5\u672c-\uD83D\uDE00 | CHANG\u00c9 | \u2713\uD83C\uDF89 | 1000",
        "a | b | X | \u65e5 | 40000",
        "a | b | X | \u65e5 | 45000",
    })
    void theBoundIsAtLeastTheWorstCaseSize(String aggregation, String streamId, String eventType, String text,
            int times) {
        // given
        StreamKey stream = new StreamKey(aggregation, streamId);
        NewEvent event = NewEvent.of(eventType, Map.of("note", text.repeat(times))).withRevision(Limits.MAX_REVISION)
                .withMetadata(EventMetadata.correlatedWith(text.repeat(10)).withHeader("h", text.repeat(times / 10)));
        long worstCase = EventItem.worstCaseEventSize(stream, event, FAR_FUTURE,
                EventItem.expiry(FAR_FUTURE, Duration.ofDays(365_000)));

        // when
        long bound = ItemBound.bound(stream, event);

        // then
        assertThat(bound).isGreaterThanOrEqualTo(worstCase);
        if (ItemBound.surelyFits(stream, event)) {
            assertThat(worstCase).isLessThanOrEqualTo(ItemSize.MAX_ITEM_BYTES);
        }
    }

    @ParameterizedTest
    @CsvSource({"200, true", "130000, true", "140000, false"})
    void onlyEventsNearTheLimitAreCountedExactly(int payloadChars, boolean surelyFits) {
        StreamKey stream = new StreamKey("orders", "o-1");
        NewEvent event = NewEvent.of("PLACED", Map.of("note", "x".repeat(payloadChars)));

        assertThat(ItemBound.surelyFits(stream, event)).isEqualTo(surelyFits);
        assertThat(Limits.MAX_EVENT_BYTES).isLessThan((int) ItemSize.MAX_ITEM_BYTES);
    }
}
