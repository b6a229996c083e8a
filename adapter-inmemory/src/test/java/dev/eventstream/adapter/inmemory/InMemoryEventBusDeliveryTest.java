package dev.eventstream.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.Json;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.testkit.RecordingSubscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the bus orders, copies and stops deliveries, driven by publishing to it directly. */
class InMemoryEventBusDeliveryTest {
    /** A bound on waiting for asynchronous delivery, never an assertion on speed. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Long enough that no gap is ever given up while a test runs, however slow the machine. */
    private static final Duration NEVER_GIVE_UP = Duration.ofHours(1);

    private final List<InMemoryEventBus> buses = new ArrayList<>();

    @AfterEach
    void closeBuses() {
        buses.forEach(InMemoryEventBus::close);
    }

    @Test
    void eventsPublishedOutOfOrderAreDeliveredInSequenceOrder() {
        // given
        InMemoryEventBus bus = bus(NEVER_GIVE_UP);
        RecordingSubscriber subscriber = new RecordingSubscriber();
        bus.subscribe("orders", subscriber);
        StreamKey stream = StreamKey.of("orders", "1");

        // when
        bus.publish(List.of(event(stream, 3), event(stream, 4)));
        bus.publish(List.of(event(stream, 2)));
        bus.publish(List.of(event(stream, 1)));

        // then
        subscriber.awaitArrivals(4, DEADLINE);
        assertThat(sequencesOf(subscriber)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void concurrentPublishersOfOneStreamInAnyOrderStillDeliverInSequenceOrder() throws Exception {
        // given
        InMemoryEventBus bus = bus(NEVER_GIVE_UP);
        RecordingSubscriber subscriber = new RecordingSubscriber();
        bus.subscribe("orders", subscriber);
        StreamKey stream = StreamKey.of("orders", "1");
        List<List<RecordedEvent>> batches = new ArrayList<>();
        for (long first = 1; first <= 300; first += 3) {
            batches.add(List.of(event(stream, first), event(stream, first + 1), event(stream, first + 2)));
        }
        Collections.shuffle(batches, new Random(42));

        // when
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> published = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                List<List<RecordedEvent>> mine = batches.subList(worker * 25, worker * 25 + 25);
                published.add(publishers.submit(() -> mine.forEach(bus::publish)));
            }
            for (Future<?> future : published) {
                future.get(1, TimeUnit.MINUTES);
            }
        } finally {
            publishers.shutdownNow();
        }

        // then
        subscriber.awaitArrivals(300, DEADLINE);
        assertThat(sequencesOf(subscriber)).containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
    }

    @Test
    void aStreamWaitingForAMissingEventDoesNotHoldUpOtherStreams() {
        // given
        InMemoryEventBus bus = bus(NEVER_GIVE_UP);
        RecordingSubscriber subscriber = new RecordingSubscriber();
        bus.subscribe("orders", subscriber);
        StreamKey waiting = StreamKey.of("orders", "waiting");
        StreamKey flowing = StreamKey.of("orders", "flowing");

        // when
        bus.publish(List.of(event(waiting, 2)));
        bus.publish(List.of(event(flowing, 1), event(flowing, 2)));

        // then: the flowing stream arrives while the other still waits for its first event
        subscriber.awaitArrivals(2, DEADLINE);
        assertThat(subscriber.arrivals()).extracting(RecordedEvent::stream).containsOnly(flowing);

        // and when the missing event comes, both of the waiting stream follow in order
        bus.publish(List.of(event(waiting, 1)));
        subscriber.awaitArrivals(4, DEADLINE);
        assertThat(subscriber.arrivals().subList(2, 4)).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void missingEventIsGivenUpAfterTheGapTimeoutAndTheRestDeliveredInOrder() {
        // given
        InMemoryEventBus bus = bus(Duration.ofMillis(50));
        RecordingSubscriber subscriber = new RecordingSubscriber();
        bus.subscribe("orders", subscriber);
        StreamKey stream = StreamKey.of("orders", "1");

        // when: event 2 is never published (3 before 4: were 4 first, a slow test thread could see the gap given
        // up before publishing 3, which would then rightly be dropped as older than what was delivered)
        bus.publish(List.of(event(stream, 1)));
        bus.publish(List.of(event(stream, 3)));
        bus.publish(List.of(event(stream, 4)));

        // then
        subscriber.awaitArrivals(3, DEADLINE);
        assertThat(sequencesOf(subscriber)).containsExactly(1L, 3L, 4L);
    }

    @Test
    void streamFirstSeenPastItsFirstEventIsDeliveredAfterTheGapTimeout() {
        // given: the bus started after the stream already had events
        InMemoryEventBus bus = bus(Duration.ofMillis(50));
        RecordingSubscriber subscriber = new RecordingSubscriber();
        bus.subscribe("orders", subscriber);
        StreamKey stream = StreamKey.of("orders", "1");

        // when
        bus.publish(List.of(event(stream, 11), event(stream, 12)));
        bus.publish(List.of(event(stream, 13)));

        // then
        subscriber.awaitArrivals(3, DEADLINE);
        assertThat(sequencesOf(subscriber)).containsExactly(11L, 12L, 13L);
    }

    @Test
    void repeatedPublicationIsDeliveredOnce() {
        // given
        InMemoryEventBus bus = bus(NEVER_GIVE_UP);
        RecordingSubscriber subscriber = new RecordingSubscriber();
        bus.subscribe("orders", subscriber);
        StreamKey stream = StreamKey.of("orders", "1");
        List<RecordedEvent> first = List.of(event(stream, 1), event(stream, 2));

        // when
        bus.publish(first);
        bus.publish(first);
        bus.publish(List.of(event(stream, 3)));

        // then: event 3 arriving means the repeats were handled before it
        subscriber.awaitArrivals(3, DEADLINE);
        assertThat(sequencesOf(subscriber)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void eachSubscriberGetsItsOwnCopyOfAnEvent() throws InterruptedException {
        // given
        InMemoryEventBus bus = bus(NEVER_GIVE_UP);
        CountDownLatch changed = new CountDownLatch(1);
        RecordingSubscriber changing = new RecordingSubscriber(event -> {
            ((ObjectNode) event.payload()).put("status", "changed by a subscriber");
            changed.countDown();
        });
        RecordingSubscriber reading = new RecordingSubscriber(event -> awaitQuietly(changed));
        bus.subscribe("orders", changing);
        bus.subscribe("orders", reading);
        RecordedEvent published = event(StreamKey.of("orders", "1"), 1);
        String original = Json.write(published.payload());

        // when
        bus.publish(List.of(published));
        ((ObjectNode) published.payload()).put("status", "changed by the publisher");

        // then
        reading.awaitArrivals(1, DEADLINE);
        assertThat(changed.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Json.write(reading.arrivals().get(0).payload())).isEqualTo(original);
    }

    @Test
    void closedBusRefusesPublicationsAndSubscriptionsAndStopsItsThreads() throws InterruptedException {
        // given
        InMemoryEventBus bus = bus(NEVER_GIVE_UP);
        AtomicReference<Thread> deliveryThread = new AtomicReference<>();
        RecordingSubscriber subscriber = new RecordingSubscriber(event -> deliveryThread.set(Thread.currentThread()));
        bus.subscribe("orders", subscriber);
        bus.publish(List.of(event(StreamKey.of("orders", "1"), 1)));
        subscriber.awaitArrivals(1, DEADLINE);

        // when
        bus.close();
        bus.close();

        // then
        assertThatThrownBy(() -> bus.publish(List.of(event(StreamKey.of("orders", "1"), 2))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> bus.subscribe("orders", new RecordingSubscriber()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        Thread thread = deliveryThread.get();
        thread.join(DEADLINE.toMillis());
        assertThat(thread.isAlive()).as("delivery thread %s alive after close", thread.getName()).isFalse();
    }

    @Test
    void gapTimeoutMustBePositive() {
        assertThatThrownBy(() -> new InMemoryEventBus(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gapTimeout must be positive");
        assertThatThrownBy(() -> new InMemoryEventBus(null))
                .isInstanceOf(NullPointerException.class).hasMessage("gapTimeout is null");
    }

    private InMemoryEventBus bus(Duration gapTimeout) {
        InMemoryEventBus bus = new InMemoryEventBus(gapTimeout);
        buses.add(bus);
        return bus;
    }

    private static RecordedEvent event(StreamKey stream, long sequence) {
        return new RecordedEvent(stream.aggregation(), stream.streamId(), sequence, UUID.randomUUID(), "NUMBERED",
                Json.parse("{\"status\":\"published\",\"n\":" + sequence + "}"), Instant.EPOCH);
    }

    private static List<Long> sequencesOf(RecordingSubscriber subscriber) {
        return subscriber.arrivals().stream().map(RecordedEvent::sequence).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
