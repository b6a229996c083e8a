package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.StreamKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest sequence this process has seen stored, per stream, for the most recently used streams. Streams are
 * append-only and gap-free, so a known version {@code v} proves items 1..v exist: an append at {@code v + 1} with
 * "item must not exist" is then exactly an append at expected version {@code v}, without reading first. Entries
 * only ever record what was seen stored, never absence, so another process appending makes an entry stale but
 * never wrong; a stale entry costs one failed conditional write.
 */
final class KnownVersions {
    static final long UNKNOWN = -1;

    private final Map<String, Long> versions;

    KnownVersions(int capacity) {
        this.versions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The known version, or {@link #UNKNOWN}. */
    synchronized long get(StreamKey stream) {
        return versions.getOrDefault(stream.asString(), UNKNOWN);
    }

    /** Records that {@code stream} holds at least {@code version} events. */
    synchronized void sawAtLeast(StreamKey stream, long version) {
        if (version > 0) {
            versions.merge(stream.asString(), version, Math::max);
        }
    }
}
