package dev.eventstream.core;

import java.util.OptionalLong;

/**
 * Port: each consumer group's checkpoint, the feed position up to which the group has handled every entry.
 * Thread-safe; shared by every process of the service (it lives with the feed).
 */
public interface CheckpointStore {

    /** The group's checkpoint; empty for a group that never stored one. */
    OptionalLong load(String group);

    /**
     * Stores {@code position} as the group's checkpoint when it is beyond the stored one; a smaller or equal
     * position is ignored, so an instance that lost the group's lease cannot move another's checkpoint back.
     *
     * @param position at least 0
     */
    void advance(String group, long position);

    /**
     * Stores {@code position} as the group's checkpoint only when the group has none yet, atomically: of several
     * processes initializing one group at once, one sets it and the others leave it. A store uses it to fix where
     * one of its own groups starts, at the moment it is built, before any process of it can append.
     *
     * @param position at least 0
     * @return whether this call stored it
     */
    boolean initialize(String group, long position);

    /**
     * Sets the group's checkpoint to {@code position}, forwards or back: an operator's reset. Instances of the
     * group that run read it when they next start.
     *
     * @param position at least 0
     */
    void reset(String group, long position);
}
