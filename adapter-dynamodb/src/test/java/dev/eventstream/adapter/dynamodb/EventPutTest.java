package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The single-event PutItem's attribute map is the one the table schema maps, for every kind of event item. */
class EventPutTest {
    private static final Instant NOW = Instant.parse("2026-12-03T06:15:30.123Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // sequence | pending | ttl
        "1 | true | PT720H",
        "1 | false | ",
        "2 | true | ",
        "7 | false | PT0.5S",
        "9223372036854775807 | false | ",
    })
    void theMapIsTheSchemasMapOfTheEventItem(long sequence, boolean pending, Duration ttl) {
        // given
        StreamKey stream = new StreamKey("\u00e9t\u00e9", "o-\uD83D\uDE00-1");
        NewEvent event = NewEvent.of(UUID.randomUUID(), "PLACED", Map.of("total", new BigDecimal("42.50")));
        // Every other case carries metadata and a revision, the attributes written only when not the default.
        NewEvent written = sequence % 2 == 0 ? event
                : event.withRevision(3).withMetadata(EventMetadata.correlatedWith("c-1").withHeader("tenant", "x"));
        EventItem item = EventItem.event(stream, sequence, written, NOW, EventItem.expiry(NOW, ttl), pending);

        // when, then
        assertThat(EventPut.attributes(item)).isEqualTo(EventItem.SCHEMA.itemToMap(item, true));
    }

    @Test
    void aStateSnapshotIsMappedByTheSchema() {
        EventItem state = EventItem.stateSnapshot(new StreamKey("orders", "o-1"), -42, 5, 2, new byte[] {1}, null);

        assertThat(EventPut.attributes(state)).isEqualTo(EventItem.SCHEMA.itemToMap(state, true));
    }

    @Test
    void aRowThatIsNotAnEventIsMappedByTheSchema() {
        EventItem snapshot = EventItem.snapshot(new StreamKey("orders", "o-1"), 5, new byte[] {1, 2, 3}, 99L);

        assertThat(EventPut.attributes(snapshot)).isEqualTo(EventItem.SCHEMA.itemToMap(snapshot, true));
    }

    @Test
    void everyAttributeOfTheSchemaIsWrittenOrNeverOnAnEvent() {
        List<String> unknown = new ArrayList<>(EventItem.SCHEMA.attributeNames());
        unknown.removeAll(EventPut.WRITTEN);
        unknown.removeAll(EventPut.NOT_ON_EVENTS);

        assertThat(unknown)
                .as("attributes of EventItem.SCHEMA that EventPut.attributes does not write: add them there")
                .isEmpty();
    }
}
