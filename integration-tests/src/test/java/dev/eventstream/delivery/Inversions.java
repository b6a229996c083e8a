package dev.eventstream.delivery;

import dev.eventstream.api.RecordedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How far a subscriber's arrivals depart from each stream's sequence order. */
final class Inversions {
    private Inversions() {}

    /** Per stream id, how many first arrivals came after an arrival of a later event of the same stream. */
    static Map<String, Integer> byStream(List<RecordedEvent> firstArrivals) {
        Map<String, Long> highest = new HashMap<>();
        Map<String, Integer> inversions = new TreeMap<>();
        for (RecordedEvent event : firstArrivals) {
            inversions.putIfAbsent(event.streamId(), 0);
            long before = highest.getOrDefault(event.streamId(), 0L);
            if (event.sequence() < before) {
                inversions.merge(event.streamId(), 1, Integer::sum);
            }
            highest.put(event.streamId(), Math.max(before, event.sequence()));
        }
        return inversions;
    }
}
