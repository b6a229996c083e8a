package dev.eventstream.core;

import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventTooLargeException;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The store's work as {@link StoreTelemetry} operations: timed reads, publications and deliveries, and the trace
 * context an append stores with its events. With {@link StoreTelemetry#none()} each wrapper is the thing wrapped.
 */
final class Instrumented {
    private Instrumented() {}

    /** Runs {@code read} as the operation {@code start}, counting the events it returned. */
    static List<RecordedEvent> read(StoreTelemetry telemetry, OperationStart start,
            Supplier<List<RecordedEvent>> read) {
        Operation operation = telemetry.start(start);
        try {
            List<RecordedEvent> events = read.get();
            operation.events(events.size());
            if (!events.isEmpty()) {
                operation.version(events.get(events.size() - 1).sequence());
            }
            operation.end(Outcome.SUCCESS);
            return events;
        } catch (RuntimeException | Error e) {
            operation.end(Outcome.FAILED, e);
            throw e;
        }
    }

    /** Runs {@code work} as the operation {@code start}, with no count of events. */
    static <T> T timed(StoreTelemetry telemetry, OperationStart start, Supplier<T> work) {
        Operation operation = telemetry.start(start);
        try {
            T result = work.get();
            operation.end(Outcome.SUCCESS);
            return result;
        } catch (RuntimeException | Error e) {
            operation.end(Outcome.FAILED, e);
            throw e;
        }
    }

    /** How a failed append ended: its input refused, its expectation unmet, or the storage failing. */
    static Outcome appendFailure(Throwable failure) {
        if (failure instanceof WrongExpectedVersionException) {
            return Outcome.CONFLICT;
        }
        return failure instanceof EventTooLargeException || failure instanceof IllegalArgumentException
                || failure instanceof NullPointerException ? Outcome.REJECTED : Outcome.FAILED;
    }

    /**
     * {@code event} carrying {@code context} in its metadata, so that its publication and delivery join the append's
     * trace wherever they happen. A header the application set itself is kept; metadata with no room left for the
     * context goes without it rather than failing the append.
     */
    static NewEvent withContext(NewEvent event, Map<String, String> context) {
        if (context.isEmpty()) {
            return event;
        }
        EventMetadata metadata = event.metadata();
        EventMetadata carrying = metadata;
        try {
            for (Map.Entry<String, String> header : context.entrySet()) {
                if (carrying.header(header.getKey()).isEmpty()) {
                    carrying = carrying.withHeader(header.getKey(), header.getValue());
                }
            }
        } catch (IllegalArgumentException e) {
            return event; // No room for more headers: the event goes without the context.
        }
        return carrying == metadata ? event : event.withMetadata(carrying);
    }

    /** {@code publisher}, each publication timed as an operation linked to its events' traces. */
    static EventPublisher publisher(StoreTelemetry telemetry, EventPublisher publisher) {
        if (telemetry == StoreTelemetry.none() || publisher == EventPublisher.none()) {
            return publisher;
        }
        return new EventPublisher() {
            @Override
            public void publish(List<RecordedEvent> events) {
                Operation operation = telemetry.start(OperationStart.publish(publisher.destination(), events));
                operation.events(events.size());
                try {
                    publisher.publish(events);
                    operation.end(Outcome.SUCCESS);
                } catch (RuntimeException | Error e) {
                    operation.end(Outcome.FAILED, e);
                    throw e;
                }
            }

            @Override
            public String destination() {
                return publisher.destination();
            }

            @Override
            public void close() {
                publisher.close();
            }

            @Override
            public String toString() {
                return publisher.toString();
            }
        };
    }

    /** {@code subscriber}, each delivery an operation continuing the event's trace. */
    static Consumer<RecordedEvent> processing(StoreTelemetry telemetry, String consumer,
            Consumer<RecordedEvent> subscriber) {
        if (telemetry == StoreTelemetry.none()) {
            return subscriber;
        }
        return event -> process(telemetry, OperationStart.process(consumer, event), () -> subscriber.accept(event));
    }

    /** {@code subscriber} of group {@code group}, each delivery an operation continuing the entry's trace. */
    static Consumer<FeedEntry> processingEntries(StoreTelemetry telemetry, String group,
            Consumer<FeedEntry> subscriber) {
        if (telemetry == StoreTelemetry.none()) {
            return subscriber;
        }
        return entry -> process(telemetry, OperationStart.process(group, entry.event()),
                () -> subscriber.accept(entry));
    }

    private static void process(StoreTelemetry telemetry, OperationStart start, Runnable delivery) {
        Operation operation = telemetry.start(start);
        operation.events(1);
        try {
            delivery.run();
            operation.end(Outcome.SUCCESS);
        } catch (RuntimeException | Error e) {
            operation.end(Outcome.FAILED, e);
            throw e;
        }
    }
}
