package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

/**
 * A stream's state as a {@link Fold} made it, and the stream's version it reflects: append the events a decision
 * on {@code state} makes at {@code ExpectedVersion.exactly(version)}, so a decision on a state that has moved on
 * is refused.
 *
 * @param state the folded state; the fold's initial state for a stream with no events
 * @param version the sequence of the last event folded; 0 for a stream with no events
 */
public record Folded<S>(S state, long version) {
    public Folded {
        requireNonNull(state, "state is null");
        Arguments.require(version >= 0, "version must not be negative, was " + version);
    }

    /** The expected version an append decided on this state needs. */
    public ExpectedVersion expectedVersion() {
        return ExpectedVersion.exactly(version);
    }
}
