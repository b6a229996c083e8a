package dev.eventstream.adapter.sqs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The ids of the last {@code capacity} events delivered, oldest forgotten first. Not thread-safe. */
final class RecentEventIds {
    private final Map<UUID, Boolean> ids;

    RecentEventIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.ids = boundedMap(capacity);
    }

    /** A map in insertion order that drops its oldest entry once it holds more than {@code capacity}. */
    static <V> Map<UUID, V> boundedMap(int capacity) {
        return new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, V> eldest) {
                return size() > capacity;
            }
        };
    }

    boolean contains(UUID id) {
        return ids.containsKey(id);
    }

    void add(UUID id) {
        ids.put(id, Boolean.TRUE);
    }

    int size() {
        return ids.size();
    }
}
