package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.eventIds;
import static dev.eventstream.testkit.ContractSupport.firstArrivals;
import static dev.eventstream.testkit.ContractSupport.oneTo;
import static dev.eventstream.testkit.ContractSupport.sequences;
import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.PublicationRelay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery guarantee end to end, through {@link PublicationRelay}, for a persistence that tracks publications
 * ({@link EventPersistence#enablePublicationTracking()}): an append succeeds once durable whatever the publisher
 * does, and every committed event is published at least once, in per-stream order, after outages and restarts.
 *
 * <p>Extend it in the adapter's tests. {@link #reopen} must return a new persistence over the same storage, as a
 * restarted process would get.
 */
public abstract class PublicationRelayContract {
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(60);
    private static final PublicationRelay.Settings FAST_RETRIES = new PublicationRelay.Settings(
            Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(60), 50);

    private final List<DefaultEventStore> stores = new ArrayList<>();

    /** A persistence over empty (or test-private) storage. */
    protected abstract EventPersistence createPersistence();

    /** A new persistence over the storage of {@code previous}, as a restarted process would open it. */
    protected abstract EventPersistence reopen(EventPersistence previous);

    @AfterEach
    void closeStores() {
        stores.forEach(DefaultEventStore::close);
    }

    private DefaultEventStore store(EventPersistence persistence, RecordingPublisher publisher) {
        DefaultEventStore store = DefaultEventStore.builder(persistence)
                .publisher(publisher)
                .relaySettings(FAST_RETRIES)
                .build();
        stores.add(store);
        return store;
    }

    private static PublicationOutbox outboxOf(EventPersistence persistence) {
        return persistence.enablePublicationTracking()
                .orElseThrow(() -> new AssertionError(persistence + " does not track publications"));
    }

    @Test
    protected void everyCommittedEventIsPublishedOnce_whenThePublisherWorks() {
        // given
        RecordingPublisher publisher = new RecordingPublisher();
        EventPersistence persistence = createPersistence();
        DefaultEventStore store = store(persistence, publisher);
        EventStream stream = store.getEventStream(uniqueName("orders"), "1");

        // when
        stream.addEvent("PLACED", Map.of("n", 1));
        stream.append(ExpectedVersion.exactly(1), List.of(NewEvent.of("PAID", Map.of("n", 2)),
                NewEvent.of("SENT", Map.of("n", 3))));

        // then
        assertThat(store.drainPublications(DRAIN_BOUND)).isTrue();
        assertThat(eventIds(publisher.published())).isEqualTo(eventIds(stream.getEvents()));
        assertThat(outboxOf(persistence).pendingPublications(100)).isEmpty();
    }

    @Test
    protected void appendsSucceedAndStayPending_whileThePublisherFails() {
        // given
        RecordingPublisher publisher = new RecordingPublisher().failing(true);
        EventPersistence persistence = createPersistence();
        DefaultEventStore store = store(persistence, publisher);
        EventStream stream = store.getEventStream(uniqueName("orders"), "1");

        // when
        for (int i = 1; i <= 5; i++) {
            stream.addEvent("STEP", Map.of("n", i));
        }

        // then
        assertThat(store.drainPublications(DRAIN_BOUND)).isFalse();
        assertThat(stream.getEvents()).hasSize(5);
        List<RecordedEvent> pending = outboxOf(persistence).pendingPublications(100);
        assertThat(pending).extracting(RecordedEvent::stream).containsOnly(stream.key());
        assertThat(sequences(pending)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    protected void everyPendingEventIsPublishedInStreamOrder_onceThePublisherRecovers() {
        // given: three streams written while the publisher is down
        RecordingPublisher publisher = new RecordingPublisher().failing(true);
        DefaultEventStore store = store(createPersistence(), publisher);
        String aggregation = uniqueName("orders");
        List<EventStream> streams = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> store.getEventStream(aggregation, "order-" + i)).toList();
        for (int round = 1; round <= 4; round++) {
            for (EventStream stream : streams) {
                stream.addEvent("STEP", Map.of("round", round));
            }
        }

        // when
        publisher.failing(false);
        boolean drained = store.drainPublications(DRAIN_BOUND);

        // then
        assertThat(drained).isTrue();
        for (EventStream stream : streams) {
            List<RecordedEvent> ofStream = publisher.published().stream()
                    .filter(event -> event.stream().equals(stream.key())).toList();
            assertThat(sequences(ofStream)).as("publications of %s", stream.key()).isSorted();
            assertThat(sequences(firstArrivals(ofStream))).as("publications of %s", stream.key())
                    .isEqualTo(oneTo(4));
        }
    }

    @Test
    protected void laterEventsOfAStreamDoNotOvertakeEarlierOnesThatFailed() {
        // given: event 1 failed to publish
        RecordingPublisher publisher = new RecordingPublisher().failing(true);
        DefaultEventStore store = store(createPersistence(), publisher);
        EventStream stream = store.getEventStream(uniqueName("orders"), "1");
        stream.addEvent("FIRST", Map.of());
        store.drainPublications(Duration.ofSeconds(5));

        // when: the publisher is back, then event 2 is appended
        publisher.failing(false);
        stream.addEvent("SECOND", Map.of());
        assertThat(store.drainPublications(DRAIN_BOUND)).isTrue();

        // then
        assertThat(sequences(publisher.published())).isSorted();
        assertThat(sequences(firstArrivals(publisher.published()))).containsExactly(1L, 2L);
    }

    @Test
    protected void aRestartedStorePublishesWhatTheStoppedOneLeftPending() {
        // given: a store that committed events but could not publish them, then stopped
        EventPersistence first = createPersistence();
        DefaultEventStore stopped = store(first, new RecordingPublisher().failing(true));
        EventStream stream = stopped.getEventStream(uniqueName("orders"), "1");
        stream.addEvent("PLACED", Map.of("n", 1));
        stream.addEvent("PAID", Map.of("n", 2));
        List<RecordedEvent> committed = stream.getEvents();
        stores.remove(stopped);
        stopped.close();

        // when: a new store opens the same storage
        RecordingPublisher publisher = new RecordingPublisher();
        DefaultEventStore restarted = store(reopen(first), publisher);
        boolean drained = restarted.drainPublications(DRAIN_BOUND);

        // then
        assertThat(drained).isTrue();
        List<RecordedEvent> ofStream = publisher.published().stream()
                .filter(event -> event.stream().equals(stream.key())).toList();
        assertThat(eventIds(firstArrivals(ofStream))).isEqualTo(eventIds(committed));
    }
}
