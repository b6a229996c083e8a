package dev.eventstream.api;

/**
 * What the writer believes the stream's version (its last sequence, 0 when empty) to be. The store rejects an
 * append whose belief is wrong with {@link WrongExpectedVersionException}.
 */
public sealed interface ExpectedVersion {

    /** Append at the end, whatever the version; the store retries internally when it loses a race. */
    static ExpectedVersion any() {
        return Any.INSTANCE;
    }

    /** The stream must not exist yet (version 0). */
    static ExpectedVersion noStream() {
        return NoStream.INSTANCE;
    }

    /**
     * The stream's last sequence must be exactly {@code version}; a stale and a future version are both rejected.
     * {@code exactly(0)} means the same as {@link #noStream()}.
     */
    static ExpectedVersion exactly(long version) {
        return version == 0 ? NoStream.INSTANCE : new Exactly(version);
    }

    /** Whether a stream at {@code actualVersion} satisfies this expectation. */
    boolean isSatisfiedBy(long actualVersion);

    /** Appends at the end of the stream. */
    enum Any implements ExpectedVersion {
        INSTANCE;

        @Override
        public boolean isSatisfiedBy(long actualVersion) {
            return true;
        }

        @Override
        public String toString() {
            return "any";
        }
    }

    /** The stream must be empty. */
    enum NoStream implements ExpectedVersion {
        INSTANCE;

        @Override
        public boolean isSatisfiedBy(long actualVersion) {
            return actualVersion == 0;
        }

        @Override
        public String toString() {
            return "no stream";
        }
    }

    /** The stream's version must be {@code version}. */
    record Exactly(long version) implements ExpectedVersion {
        public Exactly {
            Arguments.require(version >= 1, "expected version must be at least 1 (use noStream() for 0), was " + version);
        }

        @Override
        public boolean isSatisfiedBy(long actualVersion) {
            return actualVersion == version;
        }

        @Override
        public String toString() {
            return "version " + version;
        }
    }
}
