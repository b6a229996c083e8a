package dev.eventstream.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.History;
import dev.eventstream.api.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Folds events, oldest first, into a {@link History}: top-level payload fields merged, the later event winning,
 * a non-object payload replacing the merged value. Mutable and not thread-safe, so a long stream folds in linear
 * time; the payloads it is given are never modified.
 */
public final class HistoryFold {
    private @Nullable Instant commitTimestamp;
    private long sequence;
    private @Nullable UUID lastEventId;
    private final List<String> eventTypes = new ArrayList<>();
    private JsonNode payload = JsonNodeFactory.instance.objectNode();
    private boolean payloadOwned = true;

    /** A fold with no events yet. */
    public HistoryFold() {}

    /** A fold that goes on from a snapshot whose last event had {@code lastEventId}. */
    public HistoryFold(Snapshot snapshot) {
        History history = snapshot.history();
        this.commitTimestamp = history.commitTimestamp();
        this.sequence = history.sequence();
        this.lastEventId = snapshot.lastEventId();
        this.eventTypes.addAll(history.eventTypes());
        this.payload = history.payload();
        this.payloadOwned = false;
    }

    /** Folds {@code events}, oldest first, into a history. */
    public static History of(Iterable<RecordedEvent> events) {
        HistoryFold fold = new HistoryFold();
        events.forEach(fold::apply);
        return fold.result();
    }

    public HistoryFold apply(RecordedEvent event) {
        commitTimestamp = event.commitTimestamp();
        sequence = event.sequence();
        lastEventId = event.eventId();
        eventTypes.add(event.eventType());
        JsonNode next = event.payload();
        if (next.isObject() && payload.isObject()) {
            if (!payloadOwned) {
                // The merged value is still some event's own payload: copy before merging into it.
                payload = ((ObjectNode) payload).deepCopy();
                payloadOwned = true;
            }
            ((ObjectNode) payload).setAll((ObjectNode) next);
        } else {
            payload = next;
            payloadOwned = false;
        }
        return this;
    }

    /**
     * Makes {@code stored} the event a snapshot of this fold stands on: the stored event that the events last
     * applied were read from (an upcaster may have split it into events with ids of their own).
     */
    public HistoryFold anchorAt(RecordedEvent stored) {
        lastEventId = stored.eventId();
        return this;
    }

    /** The folded state as a snapshot, or empty when nothing was folded. */
    public Optional<Snapshot> snapshot() {
        return lastEventId == null ? Optional.empty() : Optional.of(new Snapshot(result(), lastEventId));
    }

    public History result() {
        if (sequence == 0) {
            return History.empty();
        }
        // Copy what this fold owns, so folding on afterwards cannot change a history already handed out.
        return new History(commitTimestamp, sequence, eventTypes, payloadOwned ? payload.deepCopy() : payload);
    }
}
