package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.eventIds;
import static dev.eventstream.testkit.ContractSupport.oneTo;
import static dev.eventstream.testkit.Concurrently.runConcurrently;
import static dev.eventstream.testkit.ContractSupport.sequences;
import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.SubscriptionSource;
import dev.eventstream.testkit.accounts.AccountEvent;
import dev.eventstream.testkit.accounts.AccountTypes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventPublisher} with its {@link SubscriptionSource} must show: what a subscriber of
 * {@link dev.eventstream.api.EventStore#subscribe} receives. Delivery may be asynchronous: the tests wait for
 * arrivals up to {@link #deliveryTimeout()} and never assert on how long anything took.
 *
 * <p>The factory methods are called in the order {@link #createPersistence()}, {@link #createPublisher()},
 * {@link #createSubscriptionSource()} before each test; a publisher that is its own subscription source (as the
 * in-memory bus) is created in the second and returned again by the third. The store built from them is closed
 * after each test, which closes all three.
 *
 * <p>Delivery is at least once: unless {@link #deliversExactlyOnce()}, the tests act on the first arrival of
 * each event id, as a subscriber must. Every test uses fresh random aggregation names. Test methods are
 * {@code protected}: an adapter that cannot meet one overrides it, without annotations, and says in a comment why.
 */
public abstract class SubscriptionSourceContract {
    private @Nullable DefaultEventStore store;

    /** Where the store keeps the events; any persistence that passes {@link EventPersistenceContract}. */
    protected abstract EventPersistence createPersistence();

    /** The publisher under test. */
    protected abstract EventPublisher createPublisher();

    /** The subscription source under test, fed by the publisher (it may be the same object). */
    protected abstract SubscriptionSource createSubscriptionSource();

    /** How long to wait for an event to arrive before a test gives up; a bound, never an assertion. */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(30);
    }

    /** Whether each subscriber receives each event exactly once; at least once is the contract. */
    protected boolean deliversExactlyOnce() {
        return false;
    }

    /** How many streams the ordering test writes to at once, each by {@link #writersPerStream()} threads. */
    protected int concurrentStreams() {
        return 3;
    }

    protected int writersPerStream() {
        return 2;
    }

    protected int appendsPerWriter() {
        return 15;
    }

    @BeforeEach
    protected final void openStore() {
        EventPersistence persistence = requireNonNull(createPersistence(), "createPersistence() returned null");
        EventPublisher publisher = requireNonNull(createPublisher(), "createPublisher() returned null");
        SubscriptionSource source = requireNonNull(createSubscriptionSource(), "createSubscriptionSource() returned null");
        // Typed: the subscriptions' upcasting is part of what is tested; untyped events pass through untouched.
        store = DefaultEventStore.builder(persistence).publisher(publisher).subscriptions(source)
                .eventTypes(AccountTypes.registry()).build();
    }

    @AfterEach
    protected final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    /** The store of the running test, publishing through the publisher and subscribing through the source. */
    protected final DefaultEventStore store() {
        return requireNonNull(store, "no test is running");
    }

    @Test
    protected void subscriberReceivesTheCommittedEventsOfItsAggregationOnly() {
        // given
        String orders = uniqueName("orders");
        String customers = uniqueName("customers");
        RecordingSubscriber ordersSubscriber = new RecordingSubscriber();
        RecordingSubscriber customersSubscriber = new RecordingSubscriber();
        store().subscribe(orders, ordersSubscriber);
        store().subscribe(customers, customersSubscriber);
        EventStream order1 = store().getEventStream(orders, "1");
        EventStream order2 = store().getEventStream(orders, "2");
        EventStream customer = store().getEventStream(customers, "1");

        // when
        List<RecordedEvent> committedOrders = new ArrayList<>();
        List<RecordedEvent> committedCustomers = new ArrayList<>();
        committedOrders.add(order1.addEvent("PLACED", Map.of("item", "book", "quantity", 1)));
        committedCustomers.add(customer.addEvent("REGISTERED", Map.of("name", "Ada")));
        committedOrders.add(order2.addEvent("PLACED", Map.of("item", "pen")));
        committedOrders.addAll(order1.append(ExpectedVersion.exactly(1), List.of(
                NewEvent.of("PAID", Map.of("amount", 25.5)).withMetadata(MetadataContract.fullMetadata()),
                NewEvent.of("SENT", Map.of("carrier", "UPS")).withRevision(3))).events());
        committedCustomers.add(customer.addEvent("MOVED", Map.of("city", "Graz")));

        // then
        awaitEventIds(ordersSubscriber, eventIds(committedOrders));
        awaitEventIds(customersSubscriber, eventIds(committedCustomers));
        assertThat(ordersSubscriber.firstArrivals()).extracting(Notified::of)
                .containsExactlyInAnyOrderElementsOf(committedOrders.stream().map(Notified::of).toList());
        assertThat(customersSubscriber.firstArrivals()).extracting(Notified::of)
                .containsExactlyInAnyOrderElementsOf(committedCustomers.stream().map(Notified::of).toList());
        assertNoRepeatsWhenExactlyOnce(ordersSubscriber, customersSubscriber);
    }

    @Test
    protected void eventsOfEachStreamArriveInSequenceOrderUnderConcurrentAppends() {
        // given
        String aggregation = uniqueName("orders");
        RecordingSubscriber subscriber = new RecordingSubscriber();
        store().subscribe(aggregation, subscriber);
        int streams = concurrentStreams();
        int writers = writersPerStream();
        int appends = appendsPerWriter();

        // when
        List<List<RecordedEvent>> committed = runConcurrently(streams * writers, worker -> {
            EventStream stream = store().getEventStream(aggregation, "stream-" + worker % streams);
            List<RecordedEvent> mine = new ArrayList<>();
            for (int i = 0; i < appends; i++) {
                mine.add(stream.addEvent("WRITTEN", Map.of("writer", worker, "n", i)));
            }
            return mine;
        });

        // then
        awaitEventIds(subscriber, committed.stream().flatMap(List::stream).map(RecordedEvent::eventId).toList());
        Map<StreamKey, List<RecordedEvent>> byStream = subscriber.firstArrivals().stream()
                .collect(Collectors.groupingBy(RecordedEvent::stream));
        assertThat(byStream).hasSize(streams);
        byStream.forEach((stream, arrivals) -> assertThat(sequences(arrivals))
                .as("sequences of %s in order of arrival", stream)
                .containsExactlyElementsOf(oneTo((long) writers * appends)));
        assertNoRepeatsWhenExactlyOnce(subscriber);
    }

    @Test
    protected void subscribersGetEventsUpcastToTodaysShapes_withTheirMetadata() {
        // given
        String accounts = uniqueName("accounts");
        RecordingSubscriber subscriber = new RecordingSubscriber();
        store().subscribe(accounts, subscriber);
        EventMetadata metadata = EventMetadata.correlatedWith("c-1").withHeader("tenant", "acme");

        // when: events as older code stored them
        List<RecordedEvent> stored = store().getEventStream(accounts, "1").append(ExpectedVersion.noStream(),
                List.of(AccountTypes.oldDeposit("1.50"), AccountTypes.oldTransfer("1.00", "0.10")), metadata).events();

        // then
        awaitEventIds(subscriber, List.of(stored.get(0).eventId(), stored.get(1).eventId()));
        List<RecordedEvent> received = subscriber.firstArrivals();
        assertThat(received).extracting(RecordedEvent::event).contains(
                new AccountEvent.Deposited(new BigDecimal("1.50"), "EUR"),
                new AccountEvent.Withdrawn(new BigDecimal("1.00")),
                new AccountEvent.FeeCharged(new BigDecimal("0.10")));
        assertThat(received).extracting(RecordedEvent::metadata).containsOnly(metadata);
        assertThat(received).filteredOn(event -> event.eventType().equals("Deposited"))
                .extracting(RecordedEvent::revision).containsOnly(2);
    }

    @Test
    protected void closedSubscriptionReceivesNothingMore() {
        // given
        String aggregation = uniqueName("orders");
        RecordingSubscriber closed = new RecordingSubscriber();
        RecordingSubscriber open = new RecordingSubscriber();
        Subscription subscription = store().subscribe(aggregation, closed);
        store().subscribe(aggregation, open);
        EventStream stream = store().getEventStream(aggregation, "1");
        RecordedEvent before = stream.addEvent("PLACED", Map.of());
        awaitEventIds(closed, List.of(before.eventId()));
        awaitEventIds(open, List.of(before.eventId()));

        // when
        subscription.close();
        subscription.close();
        List<RecordedEvent> after = List.of(stream.addEvent("PAID", Map.of()), stream.addEvent("SENT", Map.of()));

        // then: once the open subscriber has both later events, the closed one had the same chance to get them
        awaitEventIds(open, eventIds(after));
        assertThat(eventIds(closed.arrivals())).containsOnly(before.eventId());
    }

    @Test
    protected void throwingSubscriberDoesNotStopDeliveryToItselfOrOthers() {
        // given
        String aggregation = uniqueName("orders");
        RecordingSubscriber throwing = new RecordingSubscriber(event -> {
            throw new IllegalStateException("subscriber failure for event " + event.sequence());
        });
        RecordingSubscriber healthy = new RecordingSubscriber();
        store().subscribe(aggregation, throwing);
        store().subscribe(aggregation, healthy);
        EventStream stream = store().getEventStream(aggregation, "1");

        // when
        List<RecordedEvent> committed = new ArrayList<>();
        for (String type : List.of("PLACED", "PAID", "SENT")) {
            committed.add(stream.addEvent(type, Map.of()));
        }

        // then
        awaitEventIds(healthy, eventIds(committed));
        awaitEventIds(throwing, eventIds(committed));
        assertThat(sequences(healthy.firstArrivals())).containsExactly(1L, 2L, 3L);
    }

    @Test
    protected void everySubscriberOfAnAggregationReceivesEveryEvent() {
        // given
        String aggregation = uniqueName("orders");
        List<RecordingSubscriber> subscribers = List.of(new RecordingSubscriber(), new RecordingSubscriber(), new RecordingSubscriber());
        subscribers.forEach(subscriber -> store().subscribe(aggregation, subscriber));

        // when
        List<RecordedEvent> committed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            committed.add(store().getEventStream(aggregation, "stream-" + i % 2).addEvent("WRITTEN", Map.of("n", i)));
        }

        // then
        for (RecordingSubscriber subscriber : subscribers) {
            awaitEventIds(subscriber, eventIds(committed));
            assertThat(subscriber.firstArrivals()).extracting(Notified::of)
                    .containsExactlyInAnyOrderElementsOf(committed.stream().map(Notified::of).toList());
        }
        assertNoRepeatsWhenExactlyOnce(subscribers.toArray(RecordingSubscriber[]::new));
    }

    @Test
    protected void slowSubscriberDoesNotHoldUpAppends() throws InterruptedException {
        // given
        String aggregation = uniqueName("orders");
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean releasedInTime = new AtomicBoolean(true);
        RecordingSubscriber slow = new RecordingSubscriber(event -> {
            try {
                if (!release.await(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    releasedInTime.set(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        store().subscribe(aggregation, slow);
        EventStream stream = store().getEventStream(aggregation, "1");

        // when: every append returns while the subscriber is still blocked on the first event
        List<RecordedEvent> committed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            committed.add(stream.addEvent("WRITTEN", Map.of("n", i)));
        }
        release.countDown();

        // then
        awaitEventIds(slow, eventIds(committed));
        assertThat(releasedInTime).as("the subscriber was released by the test, not by its own timeout").isTrue();
        assertThat(sequences(slow.firstArrivals())).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    protected void subscribeChecksItsArguments() {
        assertThatThrownBy(() -> store().subscribe(null, event -> {}))
                .isInstanceOf(NullPointerException.class).hasMessage("aggregation is null");
        assertThatThrownBy(() -> store().subscribe(" ", event -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("aggregation");
        assertThatThrownBy(() -> store().subscribe(uniqueName("orders"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("subscriber is null");
    }

    private void assertNoRepeatsWhenExactlyOnce(RecordingSubscriber... subscribers) {
        if (deliversExactlyOnce()) {
            for (RecordingSubscriber subscriber : subscribers) {
                assertThat(eventIds(subscriber.arrivals())).as("event ids delivered").doesNotHaveDuplicates();
            }
        }
    }

    /** What a notification must carry of the committed event. */
    private record Notified(StreamKey stream, long sequence, UUID eventId, String eventType, int revision,
            JsonNode payload, EventMetadata metadata) {
        static Notified of(RecordedEvent event) {
            return new Notified(event.stream(), event.sequence(), event.eventId(), event.eventType(),
                    event.revision(), event.payload(), event.metadata());
        }
    }

    private void awaitEventIds(RecordingSubscriber subscriber, Collection<UUID> eventIds) {
        subscriber.awaitEventIds(eventIds, deliveryTimeout());
    }
}
