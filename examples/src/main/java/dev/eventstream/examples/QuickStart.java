package dev.eventstream.examples;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.History;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.micrometer.MetricsSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The seed's order example: an order is placed, paid and sent; a subscriber hears about each step.
 *
 * <p>Runs on the in-memory store by default, and on DynamoDB / SNS / SQS when {@link StoreSetup} finds their
 * settings in the environment.
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) throws InterruptedException {
        StoreSetup setup = StoreSetup.fromEnvironment(System.getenv());
        System.out.println("Event store: " + setup.description());
        try (DefaultEventStore store = setup.open()) {
            run(store, "order-" + System.currentTimeMillis(), System.out);
        }
        printMetrics(setup, System.out);
    }

    /** What the store's meters counted, in short: appends, reads, publications, deliveries, AWS requests. */
    static void printMetrics(StoreSetup setup, PrintStream out) {
        out.println("metrics:");
        out.println(MetricsSummary.of(setup.meters()));
    }

    /** Appends, reads, folds and listens to one order stream, printing what happens. */
    static void run(DefaultEventStore store, String orderId, PrintStream out) throws InterruptedException {
        CountDownLatch notified = new CountDownLatch(4);
        // region quickstart
        EventStream order = store.getEventStream("orders", orderId);
        try (Subscription subscription = store.subscribe("orders", event -> {
            out.printf("notified: %s #%d of %s%n", event.eventType(), event.sequence(), event.streamId());
            notified.countDown();
        })) {
            // region readme
            order.addEvent("PLACED", Map.of("item", "book", "quantity", 1));
            order.addEvent("PAID", Map.of("amount", 25.50, "currency", "EUR"));
            // Several events at once, only if nobody else wrote in between: all or nothing.
            AppendResult sent = order.append(ExpectedVersion.exactly(2), List.of(
                    NewEvent.of("SENT", Map.of("carrier", "UPS", "tracking", "1Z999")),
                    NewEvent.of("DELIVERED", Map.of("signedBy", "Ada"))));
            // endregion readme
            out.println("stream version is now " + sent.version());

            for (RecordedEvent event : order.getEvents()) {
                out.printf("read: #%d %s %s at %s%n",
                        event.sequence(), event.eventType(), event.payload(), event.commitTimestamp());
            }
            History history = order.loadFromHistory();
            out.println("history: " + history.eventTypes() + " " + history.payload());
            // endregion quickstart

            store.drainPublications(Duration.ofSeconds(30));
            if (!notified.await(30, TimeUnit.SECONDS)) {
                out.println("not every notification arrived within 30 s");
            }
        }
        project(store, order, out);
        out.println("aggregations: " + store.getAggregations(0, 10));
    }

    /**
     * A read model built from the feed: a projection that starts after the order's events were committed, catches
     * up on them from the start of the feed, then receives a new event live.
     */
    static void project(DefaultEventStore store, EventStream order, PrintStream out) throws InterruptedException {
        BlockingQueue<FeedEntry> ofThisOrder = new LinkedBlockingQueue<>();
        Consumer<FeedEntry> print = entry -> {
            if (entry.event().streamId().equals(order.streamId())) {
                ofThisOrder.add(entry);
            }
        };
        // region projection
        Map<String, Long> eventsByType = new ConcurrentHashMap<>();
        Consumer<FeedEntry> countByType = entry -> eventsByType.merge(entry.event().eventType(), 1L, Long::sum);
        try (FeedSubscription projection = store.subscribeToFeed(
                CatchUp.group("order-event-counts").aggregations("orders"), countByType.andThen(print))) {
            // endregion projection
            printProjected(ofThisOrder, 4, "caught up", out);
            order.addEvent("RETURNED", Map.of("reason", "damaged"));
            printProjected(ofThisOrder, 1, "live", out);
            out.println("projection: events by type " + new TreeMap<>(eventsByType)
                    + ", checkpoint at position " + projection.position());
        }
    }

    private static void printProjected(BlockingQueue<FeedEntry> entries, int count, String phase, PrintStream out)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            FeedEntry entry = entries.poll(30, TimeUnit.SECONDS);
            if (entry == null) {
                out.println("projection: not every event arrived within 30 s");
                return;
            }
            out.printf("projection %s: position %d, %s #%d of %s%n", phase, entry.position(),
                    entry.event().eventType(), entry.event().sequence(), entry.event().streamId());
        }
    }
}
