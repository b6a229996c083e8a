package dev.eventstream.adapter.dynamodb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Aggregations whose marker item this process has written or seen, most recently used first, so that the first
 * event of each new stream does not rewrite its aggregation's marker.
 */
final class KnownAggregations {
    private final Set<String> aggregations;

    KnownAggregations(int capacity) {
        this.aggregations = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    boolean contains(String aggregation) {
        return aggregations.contains(aggregation);
    }

    void add(String aggregation) {
        aggregations.add(aggregation);
    }
}
