package dev.eventstream.opentelemetry;

import dev.eventstream.core.telemetry.Outcome;
import org.jspecify.annotations.Nullable;

/** Which outcomes are errors of a span, and how {@code error.type} names them. */
final class Outcomes {
    /** What the conventions name an error without a more specific type. */
    static final String OTHER = "_OTHER";

    private Outcomes() {}

    /**
     * Whether the span's status is ERROR. A conflict and an idempotent repeat are answers the store gives as it
     * should (the caller asked for an expected version, or repeated an append), not errors of its work: their
     * status stays unset and {@code eventstream.outcome} tells them. A rejection is one: the caller's input failed
     * the operation, as a 4xx fails an HTTP client's request.
     */
    static boolean isError(@Nullable Outcome outcome, @Nullable Throwable failure) {
        if (outcome == null) {
            return failure != null;
        }
        return switch (outcome) {
            case CONFLICT, IDEMPOTENT -> false;
            case FAILED, REJECTED -> true;
            default -> failure != null;
        };
    }

    /**
     * The failure's fully qualified class name, as the conventions ask for an exception ("its canonical class name")
     * and as the Java agent's own spans name theirs; {@code _OTHER} when no failure was given.
     */
    static String errorType(@Nullable Throwable failure) {
        return failure == null ? OTHER : failure.getClass().getName();
    }
}
