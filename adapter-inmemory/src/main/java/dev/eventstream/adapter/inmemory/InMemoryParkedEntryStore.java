package dev.eventstream.adapter.inmemory;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.core.ParkedEntryStore;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The parked entries of an {@link InMemoryEventPersistence}, by group and position; each handed out as a copy. */
final class InMemoryParkedEntryStore implements ParkedEntryStore {
    private final ConcurrentMap<String, ConcurrentSkipListMap<Long, ParkedEntry>> parked = new ConcurrentHashMap<>();

    @Override
    public void park(ParkedEntry entry) {
        requireNonNull(entry, "entry is null");
        parked.computeIfAbsent(entry.group(), group -> new ConcurrentSkipListMap<>())
                .put(entry.position(), copyOf(entry));
    }

    @Override
    public List<ParkedEntry> list(String group, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        ConcurrentSkipListMap<Long, ParkedEntry> entries = parked.get(group);
        return entries == null ? List.of()
                : entries.values().stream().limit(limit).map(InMemoryParkedEntryStore::copyOf).toList();
    }

    @Override
    public void remove(String group, long position) {
        ConcurrentSkipListMap<Long, ParkedEntry> entries = parked.get(group);
        if (entries != null) {
            entries.remove(position);
        }
    }

    /** A copy with a payload tree of its own: the subscriber that gets it may change it. */
    private static ParkedEntry copyOf(ParkedEntry entry) {
        return new ParkedEntry(entry.group(), new FeedEntry(entry.position(), Copies.copyOf(entry.entry().event())),
                entry.attempts(), entry.reason(), entry.parkedAt());
    }
}
