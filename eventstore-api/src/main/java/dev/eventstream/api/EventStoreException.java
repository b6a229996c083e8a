package dev.eventstream.api;

/**
 * Root of every failure the store reports. Unchecked; {@link #isRetryable()} tells whether repeating the same
 * call may succeed (infrastructure trouble) or not (a conflict or a rule broken).
 */
public abstract class EventStoreException extends RuntimeException {
    protected EventStoreException(String message) {
        super(message);
    }

    protected EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether repeating the same call unchanged may succeed. */
    public abstract boolean isRetryable();
}
