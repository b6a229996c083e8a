package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Which entries of the feed a reader wants: those of the given aggregations and event types. An empty set means
 * every aggregation (or every type). Entries a filter leaves out are still passed over in position order, so a
 * checkpoint moves past them.
 *
 * @param aggregations the aggregations to keep; empty for all
 * @param eventTypes the event types to keep; empty for all
 */
public record FeedFilter(Set<String> aggregations, Set<String> eventTypes) {
    private static final FeedFilter ALL = new FeedFilter(Set.of(), Set.of());

    public FeedFilter {
        aggregations = Set.copyOf(requireNonNull(aggregations, "aggregations is null"));
        eventTypes = Set.copyOf(requireNonNull(eventTypes, "eventTypes is null"));
        aggregations.forEach(aggregation -> Arguments.requireName(aggregation, "aggregation", Limits.MAX_AGGREGATION_BYTES));
        eventTypes.forEach(type -> Arguments.requireName(type, "eventType", Limits.MAX_EVENT_TYPE_BYTES));
    }

    /** Every entry. */
    public static FeedFilter all() {
        return ALL;
    }

    /** The entries of these aggregations, of every type. */
    public static FeedFilter aggregations(String... aggregations) {
        return new FeedFilter(Set.of(aggregations), Set.of());
    }

    /** This filter, keeping only the given event types. */
    public FeedFilter withEventTypes(String... eventTypes) {
        return new FeedFilter(aggregations, Set.of(eventTypes));
    }

    /** Whether an event of {@code stream} and {@code eventType} passes. */
    public boolean matches(StreamKey stream, String eventType) {
        return (aggregations.isEmpty() || aggregations.contains(stream.aggregation()))
                && (eventTypes.isEmpty() || eventTypes.contains(eventType));
    }

    /** Whether this filter keeps every entry. */
    public boolean isAll() {
        return aggregations.isEmpty() && eventTypes.isEmpty();
    }
}
