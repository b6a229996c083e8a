package dev.eventstream.adapter.inmemory;

import dev.eventstream.api.RecordedEvent;
import java.util.List;

/**
 * Copies of events. Payload trees are mutable: whatever the adapter hands out is a copy, so that no
 * caller or subscriber can change what the store holds or what another subscriber sees.
 */
final class Copies {
    private Copies() {}

    static RecordedEvent copyOf(RecordedEvent event) {
        // Made afresh from the payload's text: the copy parses its own tree, if anyone asks for it.
        return RecordedEvent.withPayloadJson(event.aggregation(), event.streamId(), event.sequence(),
                event.eventId(), event.eventType(), event.revision(), event.payloadJson(), event.metadata(),
                event.commitTimestamp());
    }

    static List<RecordedEvent> copiesOf(List<RecordedEvent> events) {
        return events.stream().map(Copies::copyOf).toList();
    }
}
