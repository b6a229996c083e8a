package dev.eventstream.api;

/**
 * A typed read met an event whose type name {@link EventTypes} has no class for. Not retryable: register the type
 * (or choose {@link EventTypes.Builder#readUnknownTypesAsUntyped()}) and read again.
 */
public final class UnknownEventTypeException extends EventStoreException {
    private static final long serialVersionUID = 1L;
    private final String eventType;

    public UnknownEventTypeException(String eventType, RecordedEvent event) {
        super("event " + event.eventId() + " (" + event.stream() + " at " + event.sequence() + ") has type "
                + eventType + ", for which no class is registered in EventTypes");
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
