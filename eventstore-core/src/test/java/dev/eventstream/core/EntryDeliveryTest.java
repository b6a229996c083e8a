package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.FeedStart;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EntryDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:15:30.123456Z");
    private final TestFeedStorage storage = new TestFeedStorage();
    private final FeedEntry entry = new FeedEntry(4, RecordedEvent.withPayloadJson("orders", "1", 2,
            UUID.randomUUID(), "PAID", "{}", Instant.EPOCH));

    @Test
    void aSubscriberThatKeepsFailingIsTriedMaxAttemptsTimes_thenTheEntryIsParkedWithTheReason() {
        // given
        AtomicInteger calls = new AtomicInteger();
        EntryDelivery delivery = delivery(CatchUp.OnFailure.PARK, 3, e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no stock");
        });

        // when
        EntryDelivery.Outcome outcome = delivery.deliver(entry);

        // then
        assertThat(outcome).isEqualTo(EntryDelivery.Outcome.PARKED);
        assertThat(calls).hasValue(3);
        assertThat(storage.list("g", 10)).containsExactly(new ParkedEntry("g", entry, 3,
                "java.lang.IllegalStateException: no stock", Instant.parse("2026-05-01T10:15:30.123Z")));
    }

    @Test
    void aSubscriberThatSucceedsOnARetryHandlesTheEntry_andTheStopPolicyParksNothing() {
        // given
        AtomicInteger calls = new AtomicInteger();
        EntryDelivery flaky = delivery(CatchUp.OnFailure.PARK, 3, e -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
        });
        EntryDelivery stopping = delivery(CatchUp.OnFailure.STOP, 2, e -> {
            throw new AssertionError("broken");
        });

        // when / then
        assertThat(flaky.deliver(entry)).isEqualTo(EntryDelivery.Outcome.HANDLED);
        assertThat(stopping.deliver(entry)).isEqualTo(EntryDelivery.Outcome.STOPPED);
        assertThat(stopping.lastFailure()).isInstanceOf(AssertionError.class).hasMessage("broken");
        assertThat(storage.list("g", 10)).isEmpty();
    }

    @Test
    void aReasonIsTheTypeAndMessage_cutToitsLimit() {
        assertThat(EntryDelivery.reason(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
        assertThat(EntryDelivery.reason(new IllegalStateException("x".repeat(5_000))))
                .hasSize(EntryDelivery.MAX_REASON_CHARS).startsWith("java.lang.IllegalStateException: xxx");
    }

    private EntryDelivery delivery(CatchUp.OnFailure onFailure, int maxAttempts,
            java.util.function.Consumer<FeedEntry> subscriber) {
        FeedGroup group = new FeedGroup("g", FeedStart.beginning(), FeedFilter.all(), maxAttempts, Duration.ZERO,
                onFailure);
        return new EntryDelivery(group, subscriber, storage, Clock.fixed(NOW, ZoneOffset.UTC), new Wakeup(),
                () -> false, StoreTelemetry.none());
    }
}
