package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an append committed.
 *
 * @param events the recorded events, in the order given, with their sequences
 * @param version the stream's version after the append: the sequence of its last event; pass it to
 *     {@link ExpectedVersion#exactly(long)} for the next append
 * @param alreadyStored true when the append repeated an earlier one whose events were all stored already (an
 *     idempotent retry): nothing was written, and {@code events} are the stored ones
 */
public record AppendResult(List<RecordedEvent> events, long version, boolean alreadyStored) {
    public AppendResult {
        events = List.copyOf(requireNonNull(events, "events is null"));
        if (version < 0) {
            // Not Arguments.require: every append makes a result, and that would build the message each time.
            throw new IllegalArgumentException("version must not be negative, was " + version);
        }
    }

    /** The result of an append that wrote {@code events}. */
    public AppendResult(List<RecordedEvent> events, long version) {
        this(events, version, false);
    }
}
