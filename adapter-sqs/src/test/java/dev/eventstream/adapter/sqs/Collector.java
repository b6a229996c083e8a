package dev.eventstream.adapter.sqs;

import dev.eventstream.api.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A subscriber that keeps what it is given, and lets a test wait, bounded, for what it expects. */
class Collector implements Consumer<RecordedEvent> {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(RecordedEvent event) {
        events.add(event);
    }

    List<RecordedEvent> events() {
        return List.copyOf(events);
    }

    /** Waits until {@code count} events arrived, or {@link #PATIENCE} passed; returns what arrived. */
    List<RecordedEvent> awaitCount(int count) {
        return awaitUntil(received -> received.size() >= count);
    }

    List<RecordedEvent> awaitUntil(Predicate<List<RecordedEvent>> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!done.test(events()) && Instant.now().isBefore(deadline)) {
            pause();
        }
        return events();
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for events", e);
        }
    }
}
