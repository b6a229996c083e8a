package dev.eventstream.core;

import java.time.Duration;

/**
 * One group's checkpoint as a subscription moves it: the position reached is kept in memory and written to the
 * {@link CheckpointStore} at most every interval (and when asked to flush), so a busy group costs a write per
 * interval rather than one per page. Thread-safe: the runner moves it, and {@code close()} may flush it from
 * another thread.
 */
final class CheckpointBatcher {
    private final CheckpointStore store;
    private final String group;
    private final long intervalNanos;
    private long reached;
    private long stored;
    private long lastWriteNanos;

    CheckpointBatcher(CheckpointStore store, String group, Duration interval) {
        this.store = store;
        this.group = group;
        this.intervalNanos = interval.toNanos();
    }

    /** Starts over at {@code position}, which the store holds already (or needs not hold). */
    synchronized void startAt(long position) {
        reached = position;
        stored = position;
        lastWriteNanos = System.nanoTime();
    }

    /** Writes {@code position} at once, as the group's first checkpoint (a start at the feed's end). */
    synchronized void storeNow(long position) {
        store.advance(group, position);
        startAt(position);
    }

    /** Every entry up to {@code position} was handled. */
    synchronized void reached(long position) {
        reached = Math.max(reached, position);
    }

    synchronized long position() {
        return reached;
    }

    /** Writes the position reached when it moved and the interval has passed since the last write. */
    synchronized void flushIfDue() {
        if (reached > stored && System.nanoTime() - lastWriteNanos >= intervalNanos) {
            write();
        }
    }

    /** Writes the position reached when it moved since the last write. */
    synchronized void flush() {
        if (reached > stored) {
            write();
        }
    }

    private void write() {
        long position = reached;
        store.advance(group, position);
        // Only a write that succeeded starts the interval: a failed one is tried again at the next chance.
        stored = position;
        lastWriteNanos = System.nanoTime();
    }
}
