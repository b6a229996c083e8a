package dev.eventstream.core.telemetry;

/** How an {@link Operation} ended; {@link #tag()} is its value in the {@code outcome} tag. */
public enum Outcome {
    /** An append stored its events. */
    COMMITTED("committed"),
    /** An append repeated an earlier one whose events were already stored: nothing was written. */
    IDEMPOTENT("idempotent"),
    /** An append's expected version was not met ({@code WrongExpectedVersionException}). */
    CONFLICT("conflict"),
    /** The storage refused what was given (an event too large, say): retrying the same will not help. */
    REJECTED("rejected"),
    /** A read, load, publication or delivery did its work. */
    SUCCESS("success"),
    /** It failed for a reason a retry may cure (the storage or a broker unreachable, throttled), or the
     * subscriber threw. */
    FAILED("failed");

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
