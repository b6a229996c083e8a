package dev.eventstream.testkit;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.FeedEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A catch-up subscriber for tests: passes each entry to what it was given to do (fail, block, crash ...), records
 * every call as an attempt, and the entry as handled once that returned. Thread-safe.
 */
public final class RecordingFeedSubscriber implements Consumer<FeedEntry> {
    private final List<FeedEntry> attempts = new ArrayList<>();
    private final List<FeedEntry> handled = new ArrayList<>();
    private final Consumer<FeedEntry> first;

    /** A subscriber that only records. */
    public RecordingFeedSubscriber() {
        this(entry -> {});
    }

    /** A subscriber that passes each entry to {@code first}, which may throw or block, and records it. */
    public RecordingFeedSubscriber(Consumer<FeedEntry> first) {
        this.first = requireNonNull(first, "first is null");
    }

    @Override
    public void accept(FeedEntry entry) {
        synchronized (this) {
            attempts.add(entry);
        }
        first.accept(entry);
        synchronized (this) {
            handled.add(entry);
        }
    }

    /** The entries handed over whose call returned, repeats included, in order. */
    public synchronized List<FeedEntry> handled() {
        return List.copyOf(handled);
    }

    /** The positions of {@link #handled()}. */
    public List<Long> positions() {
        return handled().stream().map(FeedEntry::position).toList();
    }

    /** Every call, failed or not, in order. */
    public synchronized List<FeedEntry> attempts() {
        return List.copyOf(attempts);
    }

    /** Waits until the entry at {@code position} was handled, failing the test after {@code bound}. */
    public void awaitPosition(long position, Duration bound) {
        Await.until(bound, () -> "position " + position + " was handled; handled: " + positions(),
                () -> positions().contains(position));
    }

    /** Waits until the events of {@code eventIds} were all handled, failing the test after {@code bound}. */
    public void awaitEventIds(Collection<UUID> eventIds, Duration bound) {
        Set<UUID> wanted = new HashSet<>(eventIds);
        Await.until(bound, () -> wanted.size() + " events were handled; handled: " + positions(),
                () -> handled().stream().map(entry -> entry.event().eventId()).toList().containsAll(wanted));
    }
}
