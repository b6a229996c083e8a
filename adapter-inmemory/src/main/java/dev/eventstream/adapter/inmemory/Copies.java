package dev.eventstream.adapter.inmemory;

import dev.eventstream.api.RecordedEvent;
import java.util.List;

/**
 * Deep copies of events. Payloads are mutable Jackson trees: whatever the adapter hands out is a copy, so that no
 * caller or subscriber can change what the store holds or what another subscriber sees.
 */
final class Copies {
    private Copies() {}

    static RecordedEvent copyOf(RecordedEvent event) {
        return new RecordedEvent(event.aggregation(), event.streamId(), event.sequence(), event.eventId(),
                event.eventType(), event.payload().deepCopy(), event.commitTimestamp());
    }

    static List<RecordedEvent> copiesOf(List<RecordedEvent> events) {
        return events.stream().map(Copies::copyOf).toList();
    }
}
