package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

/**
 * The stream was not at the version the writer expected: another writer got there first, or the writer's view is
 * ahead of the stream. Nothing of the append was written. Re-read the stream and decide again; repeating the
 * same call fails the same way.
 */
public class WrongExpectedVersionException extends EventStoreException {
    private final StreamKey stream;
    private final ExpectedVersion expected;
    private final long actualVersion;

    public WrongExpectedVersionException(StreamKey stream, ExpectedVersion expected, long actualVersion) {
        super(String.format("Append to stream %s: expected %s but got version %d",
                requireNonNull(stream, "stream is null"), requireNonNull(expected, "expected is null"), actualVersion));
        this.stream = stream;
        this.expected = expected;
        this.actualVersion = actualVersion;
    }

    public StreamKey stream() {
        return stream;
    }

    public ExpectedVersion expected() {
        return expected;
    }

    /** The stream's version (its last sequence, 0 when empty) when the append was rejected. */
    public long actualVersion() {
        return actualVersion;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
