package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.FeedStart;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.CatchUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications published from the feed: the store's own consumer group {@value #GROUP} hands each page of the
 * feed to the {@link EventPublisher}, stream by stream, each stream's events in sequence order.
 *
 * <p>Since one instance of the group publishes at a time (it holds the group's lease) and the feed holds every
 * stream's events in sequence order whichever process wrote them, notifications keep per-stream order across
 * processes, and each position is published once, but for the page in hand when a holder dies or a publication
 * fails half-way, which is published again (a FIFO topic drops the repeats by event id within 5 minutes, and
 * subscribers drop repeated event ids). A failing publication is retried with a growing wait, never skipped:
 * a publisher reports every failure as retryable, and skipping would lose the notification.
 */
final class FeedNotifications implements PageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FeedNotifications.class);
    /** The group's name: {@code $} keeps it apart from users' groups, which may not start with it. */
    static final String GROUP = "$notifications";
    /**
     * The group as the runner sees it. Its start is never used: the store initializes the group's checkpoint when
     * it is built ({@link CheckpointStore#initialize}).
     */
    static final FeedGroup FEED_GROUP = new FeedGroup(GROUP, FeedStart.beginning(), FeedFilter.all(), 1,
            Duration.ZERO, CatchUp.OnFailure.STOP);

    private final EventPublisher publisher;
    private final Backoff backoff;
    private final RepeatedFailureLog failureTraces = new RepeatedFailureLog(LOG);

    FeedNotifications(EventPublisher publisher, Backoff backoff) {
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
    }

    @Override
    public boolean handle(List<FeedEntry> entries, BooleanSupplier proceed) {
        for (List<RecordedEvent> stream : byStream(entries).values()) {
            if (!publish(stream, proceed)) {
                return false;
            }
        }
        return true;
    }

    /** The page's events grouped by stream, streams in the order of their first entry, events in feed order. */
    private static Map<StreamKey, List<RecordedEvent>> byStream(List<FeedEntry> entries) {
        Map<StreamKey, List<RecordedEvent>> byStream = new LinkedHashMap<>();
        for (FeedEntry entry : entries) {
            byStream.computeIfAbsent(entry.stream(), stream -> new ArrayList<>()).add(entry.event());
        }
        return byStream;
    }

    private boolean publish(List<RecordedEvent> events, BooleanSupplier proceed) {
        for (int failures = 0; proceed.getAsBoolean(); ) {
            try {
                publisher.publish(events);
                return true;
            } catch (RuntimeException e) {
                failures++;
                Duration wait = backoff.delay(failures);
                RecordedEvent first = events.get(0);
                // One line per failure, no stack trace (it is at DEBUG): an outage would fill the log otherwise.
                LOG.warn("Publishing events {}..{} of stream {} failed ({} in a row): {}; trying again in {}",
                        first.sequence(), events.get(events.size() - 1).sequence(), first.stream(), failures,
                        FeedSubscriptionRunner.describe(e), wait);
                failureTraces.debugStackTrace(e, "Publication failure");
                if (!sleepUnless(proceed, wait)) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Sleeps {@code wait} in short steps, ending early when {@code proceed} turns false; returns whether it held. */
    private static boolean sleepUnless(BooleanSupplier proceed, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (proceed.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(50, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
