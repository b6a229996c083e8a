package dev.eventstream.adapter.dynamodb;

import dev.eventstream.core.BoundedCache;

/**
 * Aggregations whose marker item this process has written or seen, most recently used first, so that the first
 * event of each new stream does not rewrite its aggregation's marker.
 */
final class KnownAggregations {
    private final BoundedCache<String, Boolean> aggregations;

    KnownAggregations(int capacity) {
        this.aggregations = new BoundedCache<>(capacity);
    }

    boolean contains(String aggregation) {
        return aggregations.containsKey(aggregation);
    }

    void add(String aggregation) {
        aggregations.put(aggregation, Boolean.TRUE);
    }
}
