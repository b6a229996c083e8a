package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.BoundedCache;

/**
 * The highest sequence this process has seen stored, per stream, for the most recently used streams. Streams are
 * append-only and gap-free, so a known version {@code v} proves items 1..v exist: an append at {@code v + 1} with
 * "item must not exist" is then exactly an append at expected version {@code v}, without reading first. Entries
 * only ever record what was seen stored, never absence, so another process appending makes an entry stale but
 * never wrong; a stale entry costs one failed conditional write.
 */
final class KnownVersions {
    static final long UNKNOWN = -1;

    /**
     * Keyed by the stream itself, not its {@link StreamKey#asString()}: every append looks its stream up several
     * times, and a key's hash is then its two names' cached hashes instead of a new string hashed each time.
     */
    private final BoundedCache<StreamKey, Long> versions;

    KnownVersions(int capacity) {
        this.versions = new BoundedCache<>(capacity);
    }

    /** The known version, or {@link #UNKNOWN}. */
    long get(StreamKey stream) {
        Long version = versions.get(stream);
        return version == null ? UNKNOWN : version;
    }

    /** Records that {@code stream} holds at least {@code version} events. */
    void sawAtLeast(StreamKey stream, long version) {
        if (version > 0) {
            versions.merge(stream, version, Math::max);
        }
    }
}
