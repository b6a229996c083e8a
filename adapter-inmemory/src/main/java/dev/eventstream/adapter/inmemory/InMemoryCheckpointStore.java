package dev.eventstream.adapter.inmemory;

import dev.eventstream.core.CheckpointStore;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The consumer groups' checkpoints of an {@link InMemoryEventPersistence}. */
final class InMemoryCheckpointStore implements CheckpointStore {
    private final ConcurrentMap<String, Long> checkpoints = new ConcurrentHashMap<>();

    @Override
    public OptionalLong load(String group) {
        Long position = checkpoints.get(group);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    @Override
    public void advance(String group, long position) {
        requirePosition(position);
        checkpoints.merge(group, position, Math::max);
    }

    @Override
    public boolean initialize(String group, long position) {
        requirePosition(position);
        return checkpoints.putIfAbsent(group, position) == null;
    }

    @Override
    public void reset(String group, long position) {
        requirePosition(position);
        checkpoints.put(group, position);
    }

    private static void requirePosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, was " + position);
        }
    }
}
