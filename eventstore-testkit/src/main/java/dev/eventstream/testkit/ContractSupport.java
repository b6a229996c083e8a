package dev.eventstream.testkit;

import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What the contract suites share: unique names, waiting for asynchronous arrival, event lists. */
final class ContractSupport {
    private ContractSupport() {}

    /** A name no other test uses, so adapters backed by a shared engine keep tests apart. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static void awaitUntil(Duration deadline, Supplier<String> description, BooleanSupplier condition) {
        Await.until(deadline, description, condition);
    }

    /** The first arrival of each event id, in arrival order: what an at-least-once subscriber acts on. */
    static List<RecordedEvent> firstArrivals(List<RecordedEvent> arrivals) {
        Map<UUID, RecordedEvent> first = new LinkedHashMap<>();
        for (RecordedEvent event : arrivals) {
            first.putIfAbsent(event.eventId(), event);
        }
        return List.copyOf(first.values());
    }

    static List<Long> sequences(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::sequence).toList();
    }

    static List<UUID> eventIds(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::eventId).toList();
    }

    static List<UUID> newEventIds(List<NewEvent> events) {
        return events.stream().map(NewEvent::eventId).toList();
    }

    /** 1, 2, ... {@code count}. */
    static List<Long> oneTo(long count) {
        return rangeClosed(1, count);
    }

    static List<Long> rangeClosed(long first, long last) {
        List<Long> values = new ArrayList<>();
        for (long value = first; value <= last; value++) {
            values.add(value);
        }
        return values;
    }
}
