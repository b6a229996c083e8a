package dev.eventstream.adapter.inmemory;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.RepeatedFailureLog;
import dev.eventstream.core.SubscriptionSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed events to subscribers in this process: the {@link EventPublisher} a store publishes through
 * and the {@link SubscriptionSource} it subscribes with. Pass the same bus as both.
 *
 * <p><b>Order.</b> Each subscriber receives the events of a stream in sequence order, even when two threads
 * publish events of one stream out of order (a writer that committed sequence 5 may publish after the writer that
 * committed 6). A reorder buffer per stream holds an event until its predecessor has been published. A
 * predecessor that is not published within the gap timeout (its writer died between commit and publication, or
 * it was committed before this bus existed) is given up: the waiting events are delivered and a warning logged,
 * so one lost notification cannot hold a stream back for good. A stream first seen at a sequence above 1 waits the
 * gap timeout once for the same reason.
 *
 * <p><b>Delivery</b> runs on the bus's own threads: {@link #publish} only enqueues and never waits for a
 * subscriber, so a slow subscriber slows neither appends nor other subscribers. Each subscription has its own
 * queue, drained by one thread at a time, which keeps its events in order. A subscriber that throws is logged and
 * goes on receiving the next events; others are not affected. Each subscriber gets its own copy of each event.
 * Delivery is exactly once per subscription for events published while it is open.
 *
 * <p>Closing a subscription stops its delivery: an event published after {@link Subscription#close()} returned
 * never reaches it (one already being handed over when close is called may still arrive).
 * {@link #close()} stops every subscription and the bus's threads; closing twice is harmless.
 */
public final class InMemoryEventBus implements EventPublisher, SubscriptionSource {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryEventBus.class);

    /** How long an event waits for a predecessor that was not published before it. */
    public static final Duration DEFAULT_GAP_TIMEOUT = Duration.ofSeconds(2);

    private final Duration gapTimeout;
    private final Map<StreamKey, StreamOrder> streams = new ConcurrentHashMap<>();
    private final Map<String, List<BusSubscription>> subscriptions = new ConcurrentHashMap<>();
    private final ExecutorService delivery;
    private final ScheduledExecutorService gapTimer;
    private volatile boolean closed;

    /** A bus whose reorder buffer waits {@link #DEFAULT_GAP_TIMEOUT} for a missing predecessor. */
    public InMemoryEventBus() {
        this(DEFAULT_GAP_TIMEOUT);
    }

    /** A bus whose reorder buffer waits {@code gapTimeout} for a missing predecessor before giving it up. */
    public InMemoryEventBus(Duration gapTimeout) {
        requireNonNull(gapTimeout, "gapTimeout is null");
        if (gapTimeout.isNegative() || gapTimeout.isZero()) {
            throw new IllegalArgumentException("gapTimeout must be positive, was " + gapTimeout);
        }
        this.gapTimeout = gapTimeout;
        // Cached: a subscriber blocked for good holds one thread, never the others' deliveries.
        this.delivery = Executors.newCachedThreadPool(daemonThreads("in-memory-event-bus-delivery-"));
        this.gapTimer = Executors.newSingleThreadScheduledExecutor(daemonThreads("in-memory-event-bus-gap-timer-"));
    }

    /**
     * Hands {@code events} (consecutive sequences of one stream) to the subscribers of their aggregation, in
     * sequence order, without waiting for any subscriber.
     *
     * @throws IllegalStateException when the bus is closed
     */
    @Override
    public void publish(List<RecordedEvent> events) {
        requireNonNull(events, "events is null");
        checkOpen();
        if (events.isEmpty()) {
            return;
        }
        StreamKey stream = events.get(0).stream();
        StreamOrder order = streams.computeIfAbsent(stream, key -> new StreamOrder());
        synchronized (order) {
            for (RecordedEvent event : events) {
                order.offer(Copies.copyOf(event));
            }
            release(stream, order);
        }
    }

    @Override
    public Subscription subscribe(String aggregation, Consumer<RecordedEvent> subscriber) {
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(subscriber, "subscriber is null");
        checkOpen();
        BusSubscription subscription = new BusSubscription(aggregation, subscriber);
        subscriptions.computeIfAbsent(aggregation, key -> new CopyOnWriteArrayList<>()).add(subscription);
        return subscription;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.values().forEach(list -> list.forEach(BusSubscription::close));
        gapTimer.shutdownNow();
        delivery.shutdownNow();
        try {
            if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("A subscriber of the in-memory event bus is still running after the bus was closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "InMemoryEventBus[" + streams.size() + " streams, gap timeout " + gapTimeout + "]";
    }

    /** Passes on whatever is now in order, and arms the gap timer when something is still waiting. */
    private void release(StreamKey stream, StreamOrder order) {
        for (@Nullable RecordedEvent event = order.nextInOrder(); event != null; event = order.nextInOrder()) {
            List<BusSubscription> subscribers = subscriptions.get(stream.aggregation());
            if (subscribers != null) {
                for (BusSubscription subscription : subscribers) {
                    subscription.enqueue(event);
                }
            }
        }
        if (order.isWaiting() && !order.gapCheckScheduled) {
            order.gapCheckScheduled = true;
            long waitingFor = order.next;
            try {
                gapTimer.schedule(() -> checkGap(stream, order, waitingFor), gapTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closedMeanwhile) {
                order.gapCheckScheduled = false;
            }
        }
    }

    private void checkGap(StreamKey stream, StreamOrder order, long waitingFor) {
        synchronized (order) {
            order.gapCheckScheduled = false;
            if (order.isWaiting() && order.next == waitingFor) {
                long resumeAt = order.skipGap();
                LOG.warn("Stream {}: no notification of {} arrived within {}; delivering from {} on",
                        stream, waitingFor == 0 ? "the events before " + resumeAt : "event " + waitingFor,
                        gapTimeout, resumeAt);
            }
            release(stream, order);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the in-memory event bus is closed");
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The reorder buffer of one stream: events wait here until every earlier event has been passed on. Not
     * thread-safe: guarded by its own monitor.
     */
    private static final class StreamOrder {
        /** The sequence to pass on next; 0 while unknown (the stream was first seen at a sequence above 1). */
        long next;
        final NavigableMap<Long, RecordedEvent> waiting = new TreeMap<>();
        boolean gapCheckScheduled;

        void offer(RecordedEvent event) {
            if (next == 0 && event.sequence() == 1) {
                next = 1;
            }
            // A sequence below next was passed on already: a repeated publication, dropped.
            if (next == 0 || event.sequence() >= next) {
                waiting.putIfAbsent(event.sequence(), event);
            }
        }

        @Nullable RecordedEvent nextInOrder() {
            RecordedEvent event = next == 0 ? null : waiting.remove(next);
            if (event != null) {
                next++;
            }
            return event;
        }

        boolean isWaiting() {
            return !waiting.isEmpty();
        }

        /** Gives up the missing events: goes on from the oldest waiting one, which it returns. */
        long skipGap() {
            next = waiting.firstKey();
            return next;
        }
    }

    /** One subscriber with its own queue, drained by at most one delivery thread at a time. */
    private final class BusSubscription implements Subscription {
        private final String aggregation;
        private final Consumer<RecordedEvent> subscriber;
        private final Queue<RecordedEvent> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final RepeatedFailureLog failures = new RepeatedFailureLog(LOG);
        private volatile boolean cancelled;

        BusSubscription(String aggregation, Consumer<RecordedEvent> subscriber) {
            this.aggregation = aggregation;
            this.subscriber = subscriber;
        }

        void enqueue(RecordedEvent event) {
            if (cancelled) {
                return;
            }
            queue.add(event);
            scheduleDrain();
        }

        private void scheduleDrain() {
            if (draining.compareAndSet(false, true)) {
                try {
                    delivery.execute(this::drain);
                } catch (RejectedExecutionException busClosed) {
                    draining.set(false);
                }
            }
        }

        private void drain() {
            try {
                for (@Nullable RecordedEvent event = queue.poll(); event != null && !cancelled; event = queue.poll()) {
                    deliver(event);
                }
            } finally {
                draining.set(false);
            }
            // An event enqueued after the last poll but before the flag was cleared would wait otherwise.
            if (!queue.isEmpty() && !cancelled) {
                scheduleDrain();
            }
        }

        private void deliver(RecordedEvent event) {
            try {
                subscriber.accept(Copies.copyOf(event));
            } catch (RuntimeException e) {
                failures.warn(e, "A subscriber of aggregation {} failed on event {} #{} of stream {}; it keeps"
                        + " receiving the next events", aggregation, event.eventType(), event.sequence(),
                        event.stream());
            }
        }

        @Override
        public void close() {
            cancelled = true;
            queue.clear();
            List<BusSubscription> list = subscriptions.get(aggregation);
            if (list != null) {
                list.remove(this);
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + aggregation + "]";
        }
    }
}
