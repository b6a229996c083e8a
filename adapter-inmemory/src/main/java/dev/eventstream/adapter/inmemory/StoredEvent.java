package dev.eventstream.adapter.inmemory;

import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * An event as the in-memory log keeps it: its payload as JSON text, the form a durable store would read back. Every
 * {@link RecordedEvent} handed out is made afresh from it, so each caller gets a payload tree of its own (parsed
 * only if asked for) and nobody can change what the store holds. The stream logs and the feed share the instances.
 */
record StoredEvent(StreamKey stream, long sequence, UUID eventId, String eventType, int revision,
        String payloadJson, EventMetadata metadata, Instant commitTimestamp) {
    RecordedEvent recorded() {
        return RecordedEvent.withPayloadJson(stream.aggregation(), stream.streamId(), sequence, eventId,
                eventType, revision, payloadJson, metadata, commitTimestamp);
    }

    static List<RecordedEvent> recorded(List<StoredEvent> events) {
        List<RecordedEvent> recorded = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            recorded.add(event.recorded());
        }
        return Collections.unmodifiableList(recorded);
    }
}
