package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.StreamKey;
import java.util.UUID;

/**
 * One entry of the feed as a chunk stores it: where the event is, and what readers filter and publish by, without
 * its payload (which stays in the events table, read when a reader keeps the entry).
 *
 * @param stream the event's stream
 * @param sequence the event's sequence in its stream
 * @param eventId the event's id
 * @param eventType the event's type
 * @param commitMillis the event's commit timestamp, epoch milliseconds
 */
record FeedPointer(StreamKey stream, long sequence, UUID eventId, String eventType, long commitMillis) {
    FeedPointer {
        requireNonNull(stream, "stream is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventType, "eventType is null");
    }
}
