package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.History;
import java.util.UUID;

/**
 * A stream's folded state at one event, kept so that {@code loadFromHistory} reads only the events after it.
 *
 * @param history the fold of events 1 to {@code history.sequence()}
 * @param lastEventId the id of the event at {@code history.sequence()}; a snapshot whose event no longer has this
 *     id (a stream deleted and written anew) is ignored
 */
public record Snapshot(History history, UUID lastEventId) {
    public Snapshot {
        requireNonNull(history, "history is null");
        requireNonNull(lastEventId, "lastEventId is null");
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a snapshot needs at least one event");
        }
    }

    public long sequence() {
        return history.sequence();
    }
}
