package dev.eventstream.api;

/**
 * The store's infrastructure failed (throttled, unreachable, timed out, a server error) after the store's own
 * retries. Repeating the call may succeed; an append repeated with the same event ids and expected version is
 * idempotent, so it is safe to repeat even when it is unknown whether the first attempt was written.
 */
public class EventStoreUnavailableException extends EventStoreException {
    public EventStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventStoreUnavailableException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
