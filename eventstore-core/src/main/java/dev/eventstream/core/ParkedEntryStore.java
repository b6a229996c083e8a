package dev.eventstream.core;

import dev.eventstream.api.ParkedEntry;
import java.util.List;

/** Port: the feed entries consumer groups parked after their subscribers kept failing on them. Thread-safe. */
public interface ParkedEntryStore {

    /** Keeps {@code entry}; parking the same group and position again replaces the earlier one. */
    void park(ParkedEntry entry);

    /** The group's parked entries, oldest position first, at most {@code limit} (at least 1). */
    List<ParkedEntry> list(String group, int limit);

    /** Removes the group's entry at {@code position}; harmless when there is none. */
    void remove(String group, long position);
}
