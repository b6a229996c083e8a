package dev.eventstream.testkit;

import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * A publisher for tests of the delivery guarantee: it records what it publishes and can be switched to fail, as
 * an unreachable topic would, for every stream or some, without losing the record of what went out before; and it
 * can be made to block, as a slow topic would.
 */
public final class RecordingPublisher implements EventPublisher {
    private final List<RecordedEvent> published = new ArrayList<>();
    private final List<List<RecordedEvent>> calls = new ArrayList<>();
    private Predicate<StreamKey> failingStreams = stream -> false;
    private int attempts;
    private CountDownLatch released = new CountDownLatch(0);
    private CountDownLatch blockedCallStarted = new CountDownLatch(0);

    /** From now on every publish fails with {@link EventStoreUnavailableException} (or succeeds again). */
    public synchronized RecordingPublisher failing(boolean failing) {
        this.failingStreams = stream -> failing;
        return this;
    }

    /** From now on publishing the streams that {@code failing} accepts fails; the others succeed. */
    public synchronized RecordingPublisher failingFor(Predicate<StreamKey> failing) {
        this.failingStreams = failing;
        return this;
    }

    /** The next call waits until {@link #release()} before it publishes; {@link #awaitBlocked()} waits for it. */
    public synchronized RecordingPublisher blockNextCall() {
        released = new CountDownLatch(1);
        blockedCallStarted = new CountDownLatch(1);
        return this;
    }

    /** Waits until a call blocked by {@link #blockNextCall()} has started. */
    public void awaitBlocked() throws InterruptedException {
        CountDownLatch started;
        synchronized (this) {
            started = blockedCallStarted;
        }
        started.await();
    }

    /** Lets the blocked call go on. */
    public synchronized void release() {
        released.countDown();
    }

    @Override
    public void publish(List<RecordedEvent> events) {
        CountDownLatch wait;
        synchronized (this) {
            wait = released;
            blockedCallStarted.countDown();
        }
        try {
            wait.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreUnavailableException("interrupted while blocked for the test", e);
        }
        synchronized (this) {
            attempts++;
            if (failingStreams.test(events.get(0).stream())) {
                throw new EventStoreUnavailableException("publisher switched off for the test");
            }
            calls.add(List.copyOf(events));
            published.addAll(events);
        }
    }

    /** Every event published so far, in publication order, repeats included. */
    public synchronized List<RecordedEvent> published() {
        return List.copyOf(published);
    }

    /** The events of each successful call, in call order. */
    public synchronized List<List<RecordedEvent>> calls() {
        return List.copyOf(calls);
    }

    /** How many times {@link #publish} was called, failed calls included. */
    public synchronized int attempts() {
        return attempts;
    }
}
