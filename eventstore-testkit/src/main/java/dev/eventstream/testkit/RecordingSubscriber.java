package dev.eventstream.testkit;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A subscriber for tests: records every event it receives, then does what it was given to do (fail, block ...),
 * and lets a test wait for arrivals. Thread-safe.
 */
public final class RecordingSubscriber implements Consumer<RecordedEvent> {
    private final List<RecordedEvent> arrivals = new ArrayList<>();
    private final Consumer<RecordedEvent> then;

    /** A subscriber that only records. */
    public RecordingSubscriber() {
        this(event -> {});
    }

    /** A subscriber that records each event, then passes it to {@code then}, which may throw or block. */
    public RecordingSubscriber(Consumer<RecordedEvent> then) {
        this.then = requireNonNull(then, "then is null");
    }

    @Override
    public void accept(RecordedEvent event) {
        synchronized (arrivals) {
            arrivals.add(event);
        }
        then.accept(event);
    }

    /** Every arrival so far, repeats included, in order of arrival. */
    public List<RecordedEvent> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** The first arrival of each event id, in order of arrival: what an at-least-once subscriber acts on. */
    public List<RecordedEvent> firstArrivals() {
        return ContractSupport.firstArrivals(arrivals());
    }

    /** Waits until every one of {@code eventIds} has arrived, failing the test after {@code deadline}. */
    public void awaitEventIds(Collection<UUID> eventIds, Duration deadline) {
        Set<UUID> wanted = new HashSet<>(eventIds);
        ContractSupport.awaitUntil(deadline,
                () -> "all of " + wanted + " arrived; arrived: " + ContractSupport.eventIds(arrivals()),
                () -> new HashSet<>(ContractSupport.eventIds(arrivals())).containsAll(wanted));
    }

    /** Waits until at least {@code count} events (repeats included) have arrived, failing after {@code deadline}. */
    public void awaitArrivals(int count, Duration deadline) {
        ContractSupport.awaitUntil(deadline,
                () -> count + " events arrived; arrived: " + arrivals().size(),
                () -> arrivals().size() >= count);
    }
}
