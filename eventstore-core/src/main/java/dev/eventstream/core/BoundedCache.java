package dev.eventstream.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A map that holds at most {@code capacity} entries, forgetting the least recently used one first: the one way the
 * store and its adapters remember a bounded amount of what they saw (known versions, recent event ids). Thread-safe.
 */
public final class BoundedCache<K, V> {
    private final Map<K, V> entries;

    /** @throws IllegalArgumentException when {@code capacity} is below 1 */
    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value of {@code key}, or null when it is not (or no longer) held. */
    public synchronized @Nullable V get(K key) {
        return entries.get(key);
    }

    public synchronized boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    /** Puts {@code value}, or {@code remapping} of the held value and {@code value}, and returns what is held. */
    public synchronized V merge(K key, V value, BinaryOperator<V> remapping) {
        return entries.merge(key, value, remapping);
    }

    public synchronized void remove(K key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }
}
