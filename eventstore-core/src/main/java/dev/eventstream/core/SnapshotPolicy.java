package dev.eventstream.core;

/**
 * When {@code loadFromHistory} stores a new snapshot: once it had to fold at least {@code everyEvents} events past
 * the previous snapshot (or from the start). {@link #NEVER} keeps none.
 *
 * @param everyEvents at least 1; {@link Integer#MAX_VALUE} means never
 */
public record SnapshotPolicy(int everyEvents) {
    public static final SnapshotPolicy NEVER = new SnapshotPolicy(Integer.MAX_VALUE);
    public static final SnapshotPolicy DEFAULT = new SnapshotPolicy(100);

    public SnapshotPolicy {
        if (everyEvents < 1) {
            throw new IllegalArgumentException("everyEvents must be at least 1, was " + everyEvents);
        }
    }

    public static SnapshotPolicy every(int events) {
        return new SnapshotPolicy(events);
    }

    public boolean isEnabled() {
        return everyEvents != Integer.MAX_VALUE;
    }

    /** Whether folding {@code foldedEvents} events beyond the last snapshot calls for a new one. */
    boolean isDue(long foldedEvents) {
        return isEnabled() && foldedEvents >= everyEvents;
    }
}
