package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.StreamKey;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;

/** Which records of the events table's stream are feed entries. */
class StreamRecordEventsTest {
    private static final StreamKey STREAM = StreamKey.of("orders", "o:1");

    @Test
    void theInsertOfAnEventIsItsFeedEntry() {
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.insert("100", STREAM, 3, "PLACED")))
                .contains(StreamRecords.pointer(STREAM, 3, "PLACED"));
    }

    @Test
    void theInsertOfAnEventWithMetadataAndARevisionIsTheSameEntry() {
        // The entry points to the event; its metadata and revision are read with the event, not carried here.
        Map<String, AttributeValue> event = new HashMap<>(StreamRecords.eventItem(STREAM, 3, "PLACED"));
        event.put(EventItem.META, AttributeValue.fromS("{\"correlationId\":\"c-1\"}"));
        event.put(EventItem.REV, AttributeValue.fromN("2"));
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.record(OperationType.INSERT, "100", event)))
                .contains(StreamRecords.pointer(STREAM, 3, "PLACED"));
    }

    @Test
    void anAggregationMarkerIsNoEntry() {
        Map<String, AttributeValue> marker = Map.of(
                EventItem.PK, AttributeValue.fromS(EventItem.MARKER_PREFIX + "orders"),
                EventItem.SEQ, AttributeValue.fromN("0"),
                EventItem.LIST_PK, AttributeValue.fromS(EventItem.AGGREGATIONS_PARTITION));
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.record(OperationType.INSERT, "100", marker))).isEmpty();
    }

    @Test
    void aSnapshotIsNoEntry() {
        Map<String, AttributeValue> snapshot = Map.of(
                EventItem.PK, AttributeValue.fromS(STREAM.asString()),
                EventItem.SEQ, AttributeValue.fromN("0"),
                EventItem.SNAPSHOT_SEQ, AttributeValue.fromN("7"),
                EventItem.DEFLATED, AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})));
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.record(OperationType.INSERT, "100", snapshot)))
                .isEmpty();
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.record(OperationType.MODIFY, "101", snapshot)))
                .isEmpty();
    }

    @Test
    void anUpdateOrRemovalOfAnEventIsNoEntry() {
        Map<String, AttributeValue> event = StreamRecords.eventItem(STREAM, 3, "PLACED");
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.record(OperationType.MODIFY, "100", event))).isEmpty();
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.record(OperationType.REMOVE, "101", event))).isEmpty();
    }

    @Test
    void itemsOfOtherKeysAreNoEntries() {
        Map<String, AttributeValue> other = new HashMap<>(StreamRecords.eventItem(STREAM, 3, "PLACED"));
        other.put(EventItem.PK, AttributeValue.fromS("feed"));
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.record(OperationType.INSERT, "100", other))).isEmpty();
    }

    @Test
    void anEventItemLackingAnAttributeIsSkippedRatherThanStallingTheFeed() {
        Map<String, AttributeValue> broken = new HashMap<>(StreamRecords.eventItem(STREAM, 3, "PLACED"));
        broken.remove(EventItem.ID);
        assertThat(StreamRecordEvents.pointerOf(StreamRecords.record(OperationType.INSERT, "100", broken))).isEmpty();
    }
}
