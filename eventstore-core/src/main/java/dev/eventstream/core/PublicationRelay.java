package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed events on a background thread and republishes whatever a failure or a crash left pending in
 * the {@link PublicationOutbox}, so that every committed event is published at least once, in per-stream order.
 *
 * <p>Events handed over by {@link #submit} are published at once. When publishing a stream fails, the stream is
 * set aside: its later events are not published ahead of the failed ones; the relay rescans the outbox with an
 * exponential backoff and publishes each stream's pending events oldest first until none is left. The first
 * thing the relay does is such a scan, which republishes what a previous process left behind; it rescans every
 * {@link Settings#idleScanInterval()} as well, for events another process could not publish.
 *
 * <p>One thread publishes everything, so publications of one stream never overtake each other; callers must
 * submit each stream's events in commit order.
 */
public final class PublicationRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublicationRelay.class);
    private static final int RECENTLY_PUBLISHED = 10_000;

    /**
     * How the relay paces itself.
     *
     * @param retryBackoff the first wait before rescanning after a failure; it doubles up to {@code maxBackoff}
     * @param maxBackoff the longest wait between rescans after failures
     * @param idleScanInterval how often to look for pending events when nothing failed here
     * @param scanBatchSize how many pending events one scan reads at most
     */
    public record Settings(Duration retryBackoff, Duration maxBackoff, Duration idleScanInterval, int scanBatchSize) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(60), 500);

        public Settings {
            requirePositive(retryBackoff, "retryBackoff");
            requirePositive(maxBackoff, "maxBackoff");
            requirePositive(idleScanInterval, "idleScanInterval");
            if (maxBackoff.compareTo(retryBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be shorter than retryBackoff");
            }
            if (scanBatchSize < 1) {
                throw new IllegalArgumentException("scanBatchSize must be at least 1, was " + scanBatchSize);
            }
        }

        private static void requirePositive(Duration value, String name) {
            requireNonNull(value, name + " is null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }
    }

    private sealed interface Work {}

    private record Submitted(List<RecordedEvent> events) implements Work {}

    private record DrainRequest(CompletableFuture<Boolean> done) implements Work {}

    private final PublicationOutbox outbox;
    private final EventPublisher publisher;
    private final Settings settings;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    // Owned by the relay thread alone.
    private final Set<StreamKey> setAside = new HashSet<>();
    /**
     * Ids of the events this relay published lately. A scan can read events that were committed and handed over
     * while it ran (the outbox read takes a while on remote storage); without this, the hand-over would publish
     * them a second time, after later events of their stream.
     */
    private final Set<UUID> recentlyPublished = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > RECENTLY_PUBLISHED;
        }
    });
    private Duration backoff;
    private long nextScanNanos = System.nanoTime();

    public PublicationRelay(PublicationOutbox outbox, EventPublisher publisher, Settings settings) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.backoff = settings.retryBackoff();
        this.thread = new Thread(this::run, "eventstream-publication-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Hands over the events of one stream that were just committed, in sequence order. Never blocks. */
    public void submit(List<RecordedEvent> events) {
        if (!events.isEmpty()) {
            queue.add(new Submitted(List.copyOf(events)));
        }
    }

    /**
     * Publishes everything submitted so far and everything pending in the outbox, waiting at most
     * {@code timeout}.
     *
     * @return true when nothing is left pending; false when a publication failed or the time ran out
     */
    public boolean drain(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        if (!running) {
            throw new IllegalStateException("the publication relay is closed");
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        queue.add(new DrainRequest(done));
        try {
            return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the publication relay failed", e.getCause());
        }
    }

    /** Stops the relay thread. Events still pending stay in the outbox for the next relay to publish. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Work work : queue) {
            if (work instanceof DrainRequest drain) {
                drain.done().complete(false);
            }
        }
    }

    private void run() {
        while (running) {
            try {
                long waitNanos = Math.max(0, nextScanNanos - System.nanoTime());
                Work first = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
                if (first != null) {
                    List<Work> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch);
                    handle(batch);
                }
                if (System.nanoTime() - nextScanNanos >= 0) {
                    scan();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                // A bug or an outbox failure must not kill the thread that guarantees delivery.
                LOG.error("Publication relay iteration failed; retrying after {}", backoff, e);
                scheduleRetry();
            }
        }
    }

    private void handle(List<Work> batch) {
        List<CompletableFuture<Boolean>> drains = new ArrayList<>();
        Map<StreamKey, List<RecordedEvent>> byStream = new LinkedHashMap<>();
        for (Work work : batch) {
            if (work instanceof Submitted submitted) {
                RecordedEvent head = submitted.events().get(0);
                byStream.computeIfAbsent(head.stream(), k -> new ArrayList<>()).addAll(submitted.events());
            } else if (work instanceof DrainRequest drain) {
                drains.add(drain.done());
            }
        }
        byStream.forEach((stream, events) -> {
            if (!setAside.contains(stream) && !publishAndMark(stream, events)) {
                setAside.add(stream);
                scheduleRetry();
            }
        });
        if (!drains.isEmpty()) {
            boolean allPublished = scanUntilEmpty();
            drains.forEach(done -> done.complete(allPublished));
        }
    }

    private boolean scanUntilEmpty() {
        while (true) {
            ScanResult result = scan();
            if (result != ScanResult.MORE) {
                return result == ScanResult.EMPTY;
            }
        }
    }

    private enum ScanResult { EMPTY, MORE, FAILED }

    private ScanResult scan() {
        List<RecordedEvent> pending = outbox.pendingPublications(settings.scanBatchSize());
        if (pending.isEmpty()) {
            setAside.clear();
            backoff = settings.retryBackoff();
            nextScanNanos = System.nanoTime() + settings.idleScanInterval().toNanos();
            return ScanResult.EMPTY;
        }
        Map<StreamKey, List<RecordedEvent>> byStream = new LinkedHashMap<>();
        for (RecordedEvent event : pending) {
            byStream.computeIfAbsent(event.stream(), k -> new ArrayList<>()).add(event);
        }
        boolean failed = false;
        for (Map.Entry<StreamKey, List<RecordedEvent>> entry : byStream.entrySet()) {
            if (!publishAndMark(entry.getKey(), entry.getValue())) {
                setAside.add(entry.getKey());
                failed = true;
            }
        }
        if (failed) {
            scheduleRetry();
            return ScanResult.FAILED;
        }
        // Everything read was published: scan again at once, until a scan finds nothing pending.
        nextScanNanos = System.nanoTime();
        return ScanResult.MORE;
    }

    private boolean publishAndMark(StreamKey stream, List<RecordedEvent> events) {
        List<RecordedEvent> unpublished =
                events.stream().filter(event -> !recentlyPublished.contains(event.eventId())).toList();
        try {
            if (!unpublished.isEmpty()) {
                publisher.publish(unpublished);
                unpublished.forEach(event -> recentlyPublished.add(event.eventId()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Publishing events {}..{} of stream {} failed; they stay pending and will be retried",
                    events.get(0).sequence(), events.get(events.size() - 1).sequence(), stream, e);
            return false;
        }
        try {
            outbox.markPublished(events);
        } catch (RuntimeException e) {
            // Published but still marked pending: a later scan publishes them again, which at-least-once allows.
            LOG.warn("Events {}..{} of stream {} were published but could not be marked so; they may be published"
                    + " again", events.get(0).sequence(), events.get(events.size() - 1).sequence(), stream, e);
        }
        return true;
    }

    private void scheduleRetry() {
        nextScanNanos = System.nanoTime() + backoff.toNanos();
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }
}
