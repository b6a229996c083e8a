package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.eventIds;
import static dev.eventstream.testkit.ContractSupport.firstArrivals;
import static dev.eventstream.testkit.ContractSupport.oneTo;
import static dev.eventstream.testkit.ContractSupport.sequences;
import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.core.PublicationRelay;
import dev.eventstream.core.PublicationSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
    /** Quick retries, small scan pages, and no grace period: these tests run one live store at a time. */
    private static final PublicationRelay.Settings FAST_RETRIES = PublicationRelay.Settings.DEFAULT
            .withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .withScanBatchSize(50)
            .withGracePeriod(Duration.ZERO);

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
        return store(persistence, publisher, FAST_RETRIES);
    }

    private DefaultEventStore store(EventPersistence persistence, RecordingPublisher publisher,
            PublicationRelay.Settings settings) {
        DefaultEventStore store = DefaultEventStore.builder(persistence)
                .publisher(publisher)
                .publicationSource(PublicationSource.OUTBOX)
                .relaySettings(settings)
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
        assertThat(outboxOf(persistence).pendingPublications(null, 100)).isEmpty();
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
        List<RecordedEvent> pending = outboxOf(persistence).pendingPublications(null, 100);
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

    @Test
    protected void aStreamThatKeepsFailingIsParkedWithItsReasonAndDelaysNoOtherStream() {
        // given: a restart finds one stream with more pending events than a scan page holds, which the publisher
        // refuses, and a few other streams; the refused one comes first in the outbox's order
        EventPersistence first = createPersistence();
        DefaultEventStore stopped = store(first, new RecordingPublisher().failing(true));
        String aggregation = uniqueName("orders");
        EventStream refused = stopped.getEventStream(aggregation, "0-refused");
        for (int from = 0; from < 120; from += 40) {
            refused.append(ExpectedVersion.exactly(from), IntStream.range(0, 40)
                    .mapToObj(i -> NewEvent.of("STEP", Map.of("n", i))).toList());
        }
        List<EventStream> others = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> stopped.getEventStream(aggregation, i + "-fine")).toList();
        others.forEach(stream -> stream.addEvent("STEP", Map.of()));
        stores.remove(stopped);
        stopped.close();

        // when
        RecordingPublisher publisher = new RecordingPublisher().failingFor(refused.key()::equals);
        DefaultEventStore restarted = store(reopen(first), publisher);
        boolean drained = restarted.drainPublications(DRAIN_BOUND);

        // then
        assertThat(drained).isFalse();
        assertThat(publisher.published()).extracting(RecordedEvent::stream)
                .containsExactlyInAnyOrderElementsOf(others.stream().map(EventStream::key).toList());
        assertThat(restarted.parkedStreams()).singleElement().satisfies(parked -> {
            assertThat(parked.stream()).isEqualTo(refused.key());
            assertThat(parked.fromSequence()).isEqualTo(1);
            assertThat(parked.failures()).isPositive();
            assertThat(parked.reason()).contains("EventStoreUnavailableException", "switched off");
        });

        // when: the publisher takes the stream again
        publisher.failingFor(stream -> false);

        // then
        assertThat(restarted.drainPublications(DRAIN_BOUND)).isTrue();
        assertThat(restarted.parkedStreams()).isEmpty();
        List<RecordedEvent> ofRefused = publisher.published().stream()
                .filter(event -> event.stream().equals(refused.key())).toList();
        assertThat(sequences(firstArrivals(ofRefused))).isEqualTo(oneTo(120));
        assertThat(sequences(ofRefused)).isSorted();
    }

    @Test
    protected void anAppendWhoseAnswerWasLostHoldsItsStreamBackUntilItsEventsAreOut() {
        // given: the first append is stored, but its caller is told it failed
        RecordingPublisher publisher = new RecordingPublisher();
        FaultyPersistence persistence = new FaultyPersistence(createPersistence()).loseNextAnswer();
        DefaultEventStore store = store(persistence, publisher);
        EventStream stream = store.getEventStream(uniqueName("orders"), "1");
        NewEvent placed = NewEvent.of("PLACED", Map.of());
        assertThatThrownBy(() -> stream.append(ExpectedVersion.noStream(), List.of(placed)))
                .isInstanceOf(EventStoreUnavailableException.class);

        // when: a later event of the stream is appended
        RecordedEvent paid = stream.addEvent("PAID", Map.of());
        boolean drained = store.drainPublications(DRAIN_BOUND);

        // then: the stored one went out, and first
        assertThat(drained).isTrue();
        assertThat(eventIds(firstArrivals(publisher.published()))).containsExactly(placed.eventId(), paid.eventId());
        assertThat(sequences(publisher.published())).isSorted();
    }

    @Test
    protected void repeatingACompletedAppendWhileTheRelayIsBusyPublishesEachEventOnce() throws Exception {
        // given: the relay is busy publishing another stream
        RecordingPublisher publisher = new RecordingPublisher();
        DefaultEventStore store = store(createPersistence(), publisher);
        String aggregation = uniqueName("orders");
        publisher.blockNextCall();
        store.getEventStream(aggregation, "busy").addEvent("BUSY", Map.of());
        publisher.awaitBlocked();

        // when: an append, and the same append again (an idempotent retry), are handed over meanwhile
        EventStream stream = store.getEventStream(aggregation, "1");
        List<NewEvent> batch = List.of(NewEvent.of("PLACED", Map.of()), NewEvent.of("PAID", Map.of()));
        stream.append(ExpectedVersion.noStream(), batch);
        stream.append(ExpectedVersion.noStream(), batch);
        publisher.release();
        assertThat(store.drainPublications(DRAIN_BOUND)).isTrue();

        // then
        for (List<RecordedEvent> call : publisher.calls()) {
            assertThat(eventIds(call)).as("one publication").doesNotHaveDuplicates();
        }
        assertThat(publisher.published()).filteredOn(event -> event.stream().equals(stream.key()))
                .extracting(RecordedEvent::eventId)
                .containsExactly(batch.get(0).eventId(), batch.get(1).eventId());
    }

    @Test
    protected void drainReportsAFailedOutboxReadAtOnceInsteadOfWaitingOutItsTimeout() {
        // given
        FaultyPersistence persistence = new FaultyPersistence(createPersistence());
        DefaultEventStore store = store(persistence, new RecordingPublisher());
        store.getEventStream(uniqueName("orders"), "1").addEvent("PLACED", Map.of());
        persistence.failOutboxReads(true);

        // when / then: the bound only keeps a wrong relay from hanging the run
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThat(store.drainPublications(Duration.ofMinutes(10))).isFalse());
        persistence.failOutboxReads(false);
        assertThat(store.drainPublications(DRAIN_BOUND)).isTrue();
    }

    @Test
    protected void anotherLiveProcesssFreshEventsAreLeftToItUntilTheGracePeriodHasPassed() {
        // given: a process committed events it has not published yet
        EventPersistence persistence = createPersistence();
        DefaultEventStore owner = store(persistence, new RecordingPublisher().failing(true));
        EventStream stream = owner.getEventStream(uniqueName("orders"), "1");
        List<RecordedEvent> committed = List.of(stream.addEvent("PLACED", Map.of()), stream.addEvent("PAID", Map.of()));
        Instant now = committed.get(1).commitTimestamp();
        PublicationRelay.Settings oneMinuteGrace = FAST_RETRIES.withGracePeriod(Duration.ofMinutes(1));
        PublicationOutbox otherProcess = outboxOf(reopen(persistence));

        // when: another process's relay looks while they are fresh, then once the grace period has passed
        RecordingPublisher early = new RecordingPublisher();
        boolean drainedEarly;
        try (PublicationRelay relay = new PublicationRelay(otherProcess, early, oneMinuteGrace, fixedAt(now))) {
            drainedEarly = relay.drain(DRAIN_BOUND);
        }
        RecordingPublisher late = new RecordingPublisher();
        boolean drainedLate;
        try (PublicationRelay relay = new PublicationRelay(otherProcess, late, oneMinuteGrace,
                fixedAt(now.plus(Duration.ofMinutes(2))))) {
            drainedLate = relay.drain(DRAIN_BOUND);
        }

        // then
        assertThat(drainedEarly).as("drained while the events were fresh").isFalse();
        assertThat(early.published()).isEmpty();
        assertThat(drainedLate).isTrue();
        assertThat(eventIds(late.published())).isEqualTo(eventIds(committed));
    }

    @Test
    protected void closingRightAfterAnAppendPublishesWhatWasHandedOver() {
        // given
        RecordingPublisher publisher = new RecordingPublisher();
        EventPersistence persistence = createPersistence();
        DefaultEventStore store = store(persistence, publisher);
        EventStream stream = store.getEventStream(uniqueName("orders"), "1");
        List<RecordedEvent> committed = IntStream.range(0, 5)
                .mapToObj(i -> stream.addEvent("STEP", Map.of("n", i))).toList();

        // when
        stores.remove(store);
        store.close();

        // then
        assertThat(eventIds(publisher.published())).isEqualTo(eventIds(committed));
        assertThat(outboxOf(reopen(persistence)).pendingPublications(null, 100)).isEmpty();
    }

    @Test
    protected void closingWhilePublishingHangsIsBoundedAndLeavesTheEventsPending() throws Exception {
        // given: the publisher hangs on the stream's first event
        RecordingPublisher publisher = new RecordingPublisher().blockNextCall();
        EventPersistence persistence = createPersistence();
        DefaultEventStore store = DefaultEventStore.builder(persistence)
                .publisher(publisher)
                .publicationSource(PublicationSource.OUTBOX)
                .relaySettings(FAST_RETRIES.withCloseTimeout(Duration.ofMillis(200)))
                .build();
        EventStream stream = store.getEventStream(uniqueName("orders"), "1");
        stream.addEvent("PLACED", Map.of());
        publisher.awaitBlocked();
        stream.addEvent("PAID", Map.of());

        // when / then: the bound only keeps a wrong relay from hanging the run
        assertTimeoutPreemptively(Duration.ofSeconds(30), store::close);
        assertThat(publisher.published()).isEmpty();
        assertThat(sequences(outboxOf(reopen(persistence)).pendingPublications(null, 100)))
                .containsExactly(1L, 2L);
    }

    private static Clock fixedAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
