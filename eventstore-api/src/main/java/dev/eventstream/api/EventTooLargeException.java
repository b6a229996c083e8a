package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

/** An event is larger than the storage can hold in one record. It was rejected before anything was written. */
public class EventTooLargeException extends EventStoreException {
    private final StreamKey stream;
    private final String eventType;
    private final long sizeBytes;
    private final long maxBytes;

    public EventTooLargeException(StreamKey stream, String eventType, long sizeBytes, long maxBytes) {
        super(String.format("Event %s on stream %s is %d bytes, more than the %d bytes one stored event may take",
                requireNonNull(eventType, "eventType is null"), requireNonNull(stream, "stream is null"),
                sizeBytes, maxBytes));
        this.stream = stream;
        this.eventType = eventType;
        this.sizeBytes = sizeBytes;
        this.maxBytes = maxBytes;
    }

    public StreamKey stream() {
        return stream;
    }

    public String eventType() {
        return eventType;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
