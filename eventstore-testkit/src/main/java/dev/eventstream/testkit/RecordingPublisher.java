package dev.eventstream.testkit;

import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.EventPublisher;
import java.util.ArrayList;
import java.util.List;

/**
 * A publisher for tests of the delivery guarantee: it records what it publishes and can be switched to fail, as
 * an unreachable topic would, without losing the record of what went out before.
 */
public final class RecordingPublisher implements EventPublisher {
    private final List<RecordedEvent> published = new ArrayList<>();
    private boolean failing;
    private int attempts;

    /** From now on every publish fails with {@link EventStoreUnavailableException} (or succeeds again). */
    public synchronized RecordingPublisher failing(boolean failing) {
        this.failing = failing;
        return this;
    }

    @Override
    public synchronized void publish(List<RecordedEvent> events) {
        attempts++;
        if (failing) {
            throw new EventStoreUnavailableException("publisher switched off for the test");
        }
        published.addAll(events);
    }

    /** Every event published so far, in publication order, repeats included. */
    public synchronized List<RecordedEvent> published() {
        return List.copyOf(published);
    }

    /** How many times {@link #publish} was called, failed calls included. */
    public synchronized int attempts() {
        return attempts;
    }
}
