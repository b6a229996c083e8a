package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * A typed fold's state at one event of a stream, kept so that loading the state reads only the events after it.
 * Like a {@link Snapshot}, it is checked against the stream before use, and ignored when its event no longer has
 * {@code lastEventId} or when {@code stateVersion} is not the fold's.
 *
 * @param name which fold's state: a stream may keep one snapshot per name (the state's class name)
 * @param stateVersion the fold's state version when the snapshot was made
 * @param sequence the sequence of the last event folded, at least 1
 * @param lastEventId the id of the event at {@code sequence}
 * @param stateJson the state as its serializer wrote it
 */
public record StateSnapshot(String name, int stateVersion, long sequence, UUID lastEventId, String stateJson) {
    /** Longest name a snapshot store must keep, in characters: a fully qualified class name fits. */
    public static final int MAX_NAME_CHARS = 512;

    public StateSnapshot {
        requireNonNull(name, "name is null");
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME_CHARS + " characters");
        }
        if (stateVersion < 1) {
            throw new IllegalArgumentException("stateVersion must be at least 1, was " + stateVersion);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("a snapshot needs at least one event, sequence was " + sequence);
        }
        requireNonNull(lastEventId, "lastEventId is null");
        requireNonNull(stateJson, "stateJson is null");
    }
}
