package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed events on a background thread and republishes whatever a failure or a crash left pending in
 * the {@link PublicationOutbox}, so that every committed event is published at least once, in per-stream order.
 *
 * <ul>
 *   <li><b>Own events at once.</b> Events handed over by {@link #submit} are published right away, each stream's in
 *       sequence order (callers submit each stream's events in commit order).
 *   <li><b>A failing stream is held back on its own.</b> When publishing a stream fails, or an append to it ends in
 *       doubt ({@link #holdBack}), its later events are not published ahead of the earlier ones: the stream is held,
 *       and retried on its own schedule with a growing wait ({@link Settings#retryBackoff()} doubling to
 *       {@link Settings#maxBackoff()}), reading its pending events from the outbox with a consistent read. Other
 *       streams go on being published meanwhile; {@link #parkedStreams()} lists the held ones and why.
 *   <li><b>Other processes' leftovers after a grace period.</b> At start and every
 *       {@link Settings#idleScanInterval()} the relay scans the whole outbox, page by page, and publishes events
 *       that have been pending for longer than {@link Settings#gracePeriod()}: those a crashed or failing process
 *       left behind, including the previous run of this service. Fresher events belong to the live process that
 *       committed them and is publishing them; taking them too would publish them twice and out of order.
 * </ul>
 *
 * <p>One thread publishes everything, so publications of one stream never overtake each other.
 */
public final class PublicationRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublicationRelay.class);
    private static final int RECENTLY_PUBLISHED = 10_000;
    private static final int LAST_HANDED_STREAMS = 10_000;

    /**
     * How the relay paces itself.
     *
     * @param retryBackoff the first wait before retrying a stream (or the scan) after a failure; it doubles up to
     *     {@code maxBackoff}
     * @param maxBackoff the longest wait between retries after failures
     * @param idleScanInterval how often to look for events other processes left pending
     * @param scanBatchSize how many pending events one page of a scan reads at most
     * @param gracePeriod how long an event must have been pending before a scan publishes it: longer than a live
     *     process takes to publish its own events, shorter than you want a dead one's to wait
     * @param closeTimeout how long {@link #close()} lets the relay finish publishing what it was handed
     */
    public record Settings(Duration retryBackoff, Duration maxBackoff, Duration idleScanInterval, int scanBatchSize,
            Duration gracePeriod, Duration closeTimeout) {
        private static final Duration LONGEST = Duration.ofDays(1);
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(200), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 500, Duration.ofSeconds(10), Duration.ofSeconds(5));

        public Settings {
            requireBetween(retryBackoff, Duration.ofMillis(1), LONGEST, "retryBackoff");
            requireBetween(maxBackoff, Duration.ofMillis(1), LONGEST, "maxBackoff");
            requireBetween(idleScanInterval, Duration.ofMillis(1), LONGEST, "idleScanInterval");
            requireBetween(gracePeriod, Duration.ZERO, LONGEST, "gracePeriod");
            requireBetween(closeTimeout, Duration.ZERO, Duration.ofHours(1), "closeTimeout");
            if (maxBackoff.compareTo(retryBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be shorter than retryBackoff");
            }
            if (scanBatchSize < 1 || scanBatchSize > 10_000) {
                throw new IllegalArgumentException(
                        "scanBatchSize must be between 1 and 10000, was " + scanBatchSize);
            }
        }

        public Settings withRetryBackoff(Duration retryBackoff, Duration maxBackoff) {
            return new Settings(retryBackoff, maxBackoff, idleScanInterval, scanBatchSize, gracePeriod, closeTimeout);
        }

        public Settings withIdleScanInterval(Duration idleScanInterval) {
            return new Settings(retryBackoff, maxBackoff, idleScanInterval, scanBatchSize, gracePeriod, closeTimeout);
        }

        public Settings withScanBatchSize(int scanBatchSize) {
            return new Settings(retryBackoff, maxBackoff, idleScanInterval, scanBatchSize, gracePeriod, closeTimeout);
        }

        public Settings withGracePeriod(Duration gracePeriod) {
            return new Settings(retryBackoff, maxBackoff, idleScanInterval, scanBatchSize, gracePeriod, closeTimeout);
        }

        public Settings withCloseTimeout(Duration closeTimeout) {
            return new Settings(retryBackoff, maxBackoff, idleScanInterval, scanBatchSize, gracePeriod, closeTimeout);
        }

        private static void requireBetween(Duration value, Duration min, Duration max, String name) {
            requireNonNull(value, name + " is null");
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(
                        name + " must be between " + min + " and " + max + ", was " + value);
            }
        }
    }

    private sealed interface Work {}

    private record Submitted(List<RecordedEvent> events) implements Work {}

    private record HoldBack(StreamKey stream, long fromSequence) implements Work {}

    private record DrainRequest(CompletableFuture<Boolean> done) implements Work {}

    private final PublicationOutbox outbox;
    private final EventPublisher publisher;
    private final Settings settings;
    private final Clock clock;
    private final Backoff backoff;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set by {@link #close()}: publish what was handed over, no scans or retries, no noise about interruptions. */
    private volatile boolean closing;

    // Stack traces of failures at DEBUG, once per kind: each failure has its own line at WARN.
    private final RepeatedFailureLog publicationFailures = new RepeatedFailureLog(LOG);
    private final RepeatedFailureLog outboxFailures = new RepeatedFailureLog(LOG);

    // Owned by the relay thread alone (but for HeldStreams#parked).
    private final HeldStreams held;
    /**
     * Ids of the events this relay published lately: an idempotent repeat of an append hands over events already
     * published, and a scan may read an event that was published but could not be marked.
     */
    private final BoundedCache<UUID, Boolean> recentlyPublished = new BoundedCache<>(RECENTLY_PUBLISHED);
    /** The last sequence handed over per stream: where an append that ended in doubt may have stored events. */
    private final BoundedCache<StreamKey, Long> lastHanded = new BoundedCache<>(LAST_HANDED_STREAMS);
    private int scanFailures;
    private long nextScanNanos = System.nanoTime();
    /** Whether the last {@link #publishAndMark} published but could not mark. */
    private boolean markFailed;
    /** Events handed over that closing left unpublished; written by the relay thread, read after it ended. */
    private volatile int unpublishedAtClose;

    public PublicationRelay(PublicationOutbox outbox, EventPublisher publisher, Settings settings) {
        this(outbox, publisher, settings, Clock.systemUTC());
    }

    /** A relay that judges how long events have been pending by {@code clock}, e.g. a fixed clock in tests. */
    public PublicationRelay(PublicationOutbox outbox, EventPublisher publisher, Settings settings, Clock clock) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.backoff = new Backoff(settings.retryBackoff(), settings.maxBackoff());
        this.held = new HeldStreams(backoff, settings.retryBackoff(), clock);
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
     * Holds {@code stream} back because an append to it failed in a way that leaves in doubt whether its events
     * were stored (a timeout, a lost answer): whatever it stored is published from the outbox before any later event
     * of the stream. Called in commit order with {@link #submit}. Never blocks.
     *
     * @param fromSequence the first sequence the append may have taken, or 0 when unknown
     */
    public void holdBack(StreamKey stream, long fromSequence) {
        queue.add(new HoldBack(requireNonNull(stream, "stream is null"), fromSequence));
    }

    /**
     * Publishes everything submitted so far, retries every held stream now, and publishes what the outbox holds that
     * has been pending for longer than the grace period, waiting at most {@code timeout}.
     *
     * @return true when nothing is left pending; false when a publication or an outbox read failed, when events
     *     fresher than the grace period are pending (another live process's to publish), or the time ran out
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

    /** Events handed over by {@link #submit} that the relay's thread has not taken up yet. */
    public int pendingCount() {
        return countSubmitted(queue);
    }

    /** The streams held back because publishing them failed, with the reason; a snapshot. */
    public List<ParkedStream> parkedStreams() {
        return held.parked();
    }

    /**
     * Stops the relay: it publishes what it was handed already, for at most {@link Settings#closeTimeout()}, then
     * stops. What it did not publish stays pending in the outbox for the next relay; one line says how much.
     * Closing twice is harmless.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        queue.add(new DrainRequest(new CompletableFuture<>()));
        try {
            thread.join(Math.max(1, settings.closeTimeout().toMillis()));
            running = false;
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        int left = unpublishedAtClose + countSubmitted(queue);
        for (Work work : queue) {
            if (work instanceof DrainRequest drain) {
                drain.done().complete(false);
            }
        }
        queue.clear();
        if (left > 0 || !held.isEmpty()) {
            LOG.info("Publication relay stopped; {} handed-over events and {} held streams stay pending in the"
                    + " outbox for the next start", left, held.parked().size());
        } else {
            LOG.debug("Publication relay stopped with nothing left to publish");
        }
    }

    private void run() {
        while (running) {
            try {
                if (closing) {
                    finishOnClose();
                    return;
                }
                long wakeAt = held.nextAttemptNanos(nextScanNanos);
                Work first = queue.poll(Math.max(0, wakeAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                List<Work> batch = new ArrayList<>();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch);
                }
                List<CompletableFuture<Boolean>> drains = handOver(batch);
                if (closing) {
                    drains.forEach(done -> done.complete(false));
                    continue;
                }
                retryHeld(false);
                if (System.nanoTime() - nextScanNanos >= 0) {
                    scheduledScan();
                }
                if (!drains.isEmpty()) {
                    boolean empty = drainEverything();
                    drains.forEach(done -> done.complete(empty));
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                // A bug must not kill the thread that guarantees delivery.
                LOG.error("Publication relay iteration failed; going on", e);
            }
        }
    }

    /** Publishes what is still queued, without scans or retries, as long as {@link #close()} lets it. */
    private void finishOnClose() {
        List<Work> batch = new ArrayList<>();
        queue.drainTo(batch);
        handOver(batch).forEach(done -> done.complete(false));
    }

    /** Publishes the events handed over, each stream's once and in order; returns the drain requests among them. */
    private List<CompletableFuture<Boolean>> handOver(List<Work> batch) {
        List<CompletableFuture<Boolean>> drains = new ArrayList<>();
        Map<StreamKey, TreeMap<Long, RecordedEvent>> byStream = new LinkedHashMap<>();
        for (Work work : batch) {
            if (work instanceof Submitted submitted) {
                // Keyed by sequence: an append repeated idempotently hands the same events over twice.
                TreeMap<Long, RecordedEvent> events =
                        byStream.computeIfAbsent(submitted.events().get(0).stream(), k -> new TreeMap<>());
                submitted.events().forEach(event -> events.putIfAbsent(event.sequence(), event));
            } else if (work instanceof HoldBack hold) {
                // Events handed over before the doubtful append go out first; it and everything after it wait.
                publishHandedOver(byStream.remove(hold.stream()), hold.stream());
                Long last = lastHanded.get(hold.stream());
                long from = hold.fromSequence() > 0 ? hold.fromSequence() : last == null ? 1 : last + 1;
                held.holdInDoubt(hold.stream(), from);
            } else if (work instanceof DrainRequest drain) {
                drains.add(drain.done());
            }
        }
        byStream.forEach((stream, events) -> publishHandedOver(events, stream));
        return drains;
    }

    private void publishHandedOver(@Nullable TreeMap<Long, RecordedEvent> events, StreamKey stream) {
        if (events == null || events.isEmpty()) {
            return;
        }
        lastHanded.merge(stream, events.lastKey(), Math::max);
        if (held.contains(stream)) {
            return; // They are pending in the outbox; the stream's retry publishes them after the earlier ones.
        }
        List<RecordedEvent> ordered = List.copyOf(events.values());
        if (!running) {
            unpublishedAtClose += ordered.size(); // Closing ran out of time: they stay pending.
            return;
        }
        RuntimeException failure = publishAndMark(ordered);
        if (failure != null) {
            if (closing) {
                unpublishedAtClose += ordered.size();
            }
            hold(stream, ordered.get(0).sequence(), failure);
        }
    }

    /**
     * Retries the held streams that are due (all of them with {@code all}), each from its oldest unpublished event.
     *
     * @return false when one of them failed again
     */
    private boolean retryHeld(boolean all) {
        boolean allPublished = true;
        for (HeldStreams.Held entry : held.due(all)) {
            while (running && !closing) {
                List<RecordedEvent> pending;
                try {
                    pending = outbox.pendingPublications(entry.stream, entry.fromSequence, settings.scanBatchSize());
                } catch (RuntimeException e) {
                    hold(entry.stream, entry.fromSequence, e);
                    allPublished = false;
                    break;
                }
                if (pending.isEmpty()) {
                    held.release(entry.stream);
                    LOG.debug("Stream {} is no longer held back: nothing of it is pending", entry.stream);
                    break;
                }
                RuntimeException failure = publishAndMark(pending);
                if (failure != null) {
                    hold(entry.stream, pending.get(0).sequence(), failure);
                    allPublished = false;
                    break;
                }
                long next = pending.get(pending.size() - 1).sequence() + 1;
                held.progressed(entry.stream, next);
                if (pending.size() < settings.scanBatchSize()) {
                    held.release(entry.stream);
                    LOG.info("Stream {} is published again, up to event {}", entry.stream, next - 1);
                    break;
                }
            }
        }
        return allPublished;
    }

    private void hold(StreamKey stream, long fromSequence, RuntimeException failure) {
        HeldStreams.Held entry = held.failed(stream, fromSequence, failure);
        if (closing) {
            return;
        }
        // One line per failure, without a stack trace: an outage would otherwise fill the log.
        LOG.warn("Publishing stream {} from event {} failed ({} in a row): {}; its events stay pending, retried in {}",
                stream, entry.fromSequence, entry.failures, entry.reason, held.waitAfter(entry));
        publicationFailures.debugStackTrace(failure, "Publication failure of stream {}", stream);
    }

    private void scheduledScan() {
        ScanResult result = scan();
        if (result == ScanResult.FAILED) {
            scanFailures++;
            nextScanNanos = System.nanoTime() + backoff.delay(scanFailures).toNanos();
        } else {
            scanFailures = 0;
            nextScanNanos = System.nanoTime() + settings.idleScanInterval().toNanos();
        }
    }

    /** Drain: every held stream now, then scans until one finds nothing pending or nothing this relay may take. */
    private boolean drainEverything() {
        if (!retryHeld(true)) {
            return false;
        }
        while (running && !closing) {
            ScanResult result = scan();
            if (result == ScanResult.FAILED) {
                return false;
            }
            if (result == ScanResult.NOTHING_PENDING) {
                return held.isEmpty();
            }
            if (result == ScanResult.NOTHING_PUBLISHABLE) {
                // Pending, but another live process's to publish (or a held stream's): not drained.
                return false;
            }
        }
        return false;
    }

    private enum ScanResult { NOTHING_PENDING, PUBLISHED, NOTHING_PUBLISHABLE, FAILED }

    /**
     * One pass over the whole outbox, page after page: publishes each stream's pending events that are older than
     * the grace period, skipping held streams, which are retried on their own. A stream that fails is held, and the
     * pass goes on with the next.
     */
    private ScanResult scan() {
        Instant graceLimit = clock.instant().minus(settings.gracePeriod());
        boolean sawPending = false;
        boolean published = false;
        boolean failed = false;
        @Nullable StreamKey cursor = null;
        while (running && !closing) {
            List<RecordedEvent> page;
            try {
                page = outbox.pendingPublications(cursor, settings.scanBatchSize());
            } catch (RuntimeException e) {
                LOG.warn("Reading the events pending publication failed: {}; trying again later",
                        HeldStreams.describe(e));
                outboxFailures.debugStackTrace(e, "Outbox read failure");
                return ScanResult.FAILED;
            }
            if (page.isEmpty()) {
                break;
            }
            sawPending = true;
            List<List<RecordedEvent>> streams = byStream(page);
            boolean readOnInLastStream = false;
            @Nullable StreamKey pageCursor = cursor;
            for (int i = 0; i < streams.size(); i++) {
                List<RecordedEvent> events = streams.get(i);
                StreamKey stream = events.get(0).stream();
                boolean last = i == streams.size() - 1;
                if (held.contains(stream)) {
                    continue;
                }
                List<RecordedEvent> due = pendingLongerThanGrace(events, graceLimit);
                if (due.isEmpty()) {
                    continue;
                }
                // Events published lately are only marked again: their mark failed, or the index lags.
                RuntimeException failure = publishAndMark(due);
                if (failure != null) {
                    hold(stream, due.get(0).sequence(), failure);
                    failed = true;
                    continue;
                }
                if (markFailed) {
                    failed = true;
                    continue;
                }
                published = true;
                if (last && page.size() == settings.scanBatchSize() && due.size() == events.size()) {
                    // The page may have cut this stream short: read on from the stream before it, so its
                    // remaining events come next.
                    readOnInLastStream = true;
                    cursor = i > 0 ? streams.get(i - 1).get(0).stream() : pageCursor;
                }
            }
            if (page.size() < settings.scanBatchSize()) {
                break;
            }
            if (!readOnInLastStream) {
                cursor = streams.get(streams.size() - 1).get(0).stream();
            }
        }
        if (failed) {
            return ScanResult.FAILED;
        }
        return !sawPending ? ScanResult.NOTHING_PENDING
                : published ? ScanResult.PUBLISHED
                : ScanResult.NOTHING_PUBLISHABLE;
    }

    /** The oldest events of one stream that have been pending since before {@code limit}: a prefix, in order. */
    private static List<RecordedEvent> pendingLongerThanGrace(List<RecordedEvent> events, Instant limit) {
        int end = 0;
        while (end < events.size() && !events.get(end).commitTimestamp().isAfter(limit)) {
            end++;
        }
        return events.subList(0, end);
    }

    /** A page's events grouped by stream, in the page's order (one stream's events are adjacent). */
    private static List<List<RecordedEvent>> byStream(List<RecordedEvent> page) {
        Map<StreamKey, List<RecordedEvent>> groups = new LinkedHashMap<>();
        for (RecordedEvent event : page) {
            groups.computeIfAbsent(event.stream(), k -> new ArrayList<>()).add(event);
        }
        return new ArrayList<>(groups.values());
    }

    /**
     * Publishes the events of one stream that were not published lately, then marks them all published.
     *
     * @return null on success, else the publisher's failure (nothing is marked then)
     */
    private @Nullable RuntimeException publishAndMark(List<RecordedEvent> events) {
        markFailed = false;
        List<RecordedEvent> unpublished =
                events.stream().filter(event -> !recentlyPublished.containsKey(event.eventId())).toList();
        try {
            if (!unpublished.isEmpty()) {
                publisher.publish(unpublished);
                unpublished.forEach(event -> recentlyPublished.put(event.eventId(), Boolean.TRUE));
            }
        } catch (RuntimeException e) {
            return e;
        }
        try {
            outbox.markPublished(events);
        } catch (RuntimeException e) {
            // Published but still marked pending: a later scan may publish them again, which at-least-once allows.
            markFailed = true;
            if (!closing) {
                LOG.warn("Events {}..{} of stream {} were published but could not be marked so: {}; they may be"
                        + " published again", events.get(0).sequence(), events.get(events.size() - 1).sequence(),
                        events.get(0).stream(), HeldStreams.describe(e));
            }
        }
        return null;
    }

    private static int countSubmitted(Iterable<Work> work) {
        int count = 0;
        for (Work item : work) {
            if (item instanceof Submitted submitted) {
                count += submitted.events().size();
            }
        }
        return count;
    }
}
