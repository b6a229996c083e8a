package dev.eventstream.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.PublicationRelay;
import dev.eventstream.core.SnapshotPolicy;
import dev.eventstream.core.SubscriptionSource;
import dev.eventstream.guice.EventStoreModule;
import dev.eventstream.testkit.RecordingPublisher;
import dev.eventstream.testkit.RecordingSubscriber;
import dev.eventstream.testkit.accounts.Account;
import dev.eventstream.testkit.accounts.AccountEvent;
import dev.eventstream.testkit.accounts.AccountTypes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryEventStoreModuleTest {
    private final List<Injector> injectors = new ArrayList<>();

    @AfterEach
    void closeStores() {
        injectors.forEach(injector -> injector.getInstance(DefaultEventStore.class).close());
    }

    @Test
    void boundEventTypesMakeTheInjectedStoreTyped() {
        // given
        Injector injector = injector(new EventStoreModule(), new InMemoryEventStoreModule(), binder ->
                OptionalBinder.newOptionalBinder(binder, EventTypes.class).setBinding()
                        .toInstance(AccountTypes.registry()));
        EventStream account = injector.getInstance(EventStore.class).getEventStream("accounts", "1");

        // when
        account.append(ExpectedVersion.noStream(), List.of(new AccountEvent.Opened("Ada", "EUR"),
                AccountTypes.oldDeposit("2.50")));

        // then
        assertThat(account.load(Account.FOLD).state()).isEqualTo(new Account("Ada", new BigDecimal("2.50"), 1));
    }

    @Test
    void injectedStoreAppendsReadsAndNotifiesSubscribers() {
        // given
        Injector injector = injector(new EventStoreModule(), new InMemoryEventStoreModule());
        EventStore store = injector.getInstance(EventStore.class);
        RecordingSubscriber subscriber = new RecordingSubscriber();
        store.subscribe("orders", subscriber);
        EventStream order = store.getEventStream("orders", "42");

        // when
        RecordedEvent placed = order.addEvent("PLACED", Map.of("item", "book"));
        RecordedEvent paid = order.addEvent("PAID", Map.of("amount", 25.5));

        // then
        assertThat(order.getEvents()).containsExactly(placed, paid);
        assertThat(store.getStreams("orders", 0, 10)).containsExactly("42");
        subscriber.awaitEventIds(List.of(placed.eventId(), paid.eventId()), Duration.ofSeconds(30));
        assertThat(subscriber.arrivals()).containsExactly(placed, paid);
    }

    @Test
    void storeAndPortsAreOneInstanceEach() {
        // given
        Injector injector = injector(new EventStoreModule(), new InMemoryEventStoreModule());

        // when / then
        assertThat(injector.getInstance(EventStore.class)).isSameAs(injector.getInstance(DefaultEventStore.class))
                .isSameAs(injector.getInstance(EventStore.class));
        assertThat(injector.getInstance(EventPersistence.class))
                .isSameAs(injector.getInstance(InMemoryEventPersistence.class));
        assertThat(injector.getInstance(EventPublisher.class))
                .isSameAs(injector.getInstance(SubscriptionSource.class))
                .isSameAs(injector.getInstance(InMemoryEventBus.class));
    }

    @Test
    void withoutAPublisherTheStoreSendsNoNotificationsAndRefusesSubscriptions() {
        // given
        Injector injector = injector(new EventStoreModule(),
                binder -> binder.bind(EventPersistence.class).to(InMemoryEventPersistence.class).in(Scopes.SINGLETON));
        EventStore store = injector.getInstance(EventStore.class);

        // when
        RecordedEvent placed = store.getEventStream("orders", "1").addEvent("PLACED", Map.of());

        // then
        assertThat(store.getEventStream("orders", "1").getEvents()).containsExactly(placed);
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<EventPublisher>>() {}))).isEmpty();
        assertThatThrownBy(() -> store.subscribe("orders", event -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no subscription source")
                .hasMessageContainingAll("With Guice, install SqsSubscriptionModule", "InMemoryEventStoreModule",
                        "with plain constructors, give an SqsSubscriptionSource or an InMemoryEventBus to"
                                + " DefaultEventStore.builder(persistence).subscriptions(...)");
    }

    @Test
    void publisherThatIsAlsoASubscriptionSourceServesSubscriptionsWhenNoSourceIsBound() {
        // given
        Injector injector = injector(new EventStoreModule(), binder -> {
            binder.bind(EventPersistence.class).to(InMemoryEventPersistence.class).in(Scopes.SINGLETON);
            OptionalBinder.newOptionalBinder(binder, EventPublisher.class).setBinding()
                    .to(InMemoryEventBus.class).in(Scopes.SINGLETON);
        });
        EventStore store = injector.getInstance(EventStore.class);
        RecordingSubscriber subscriber = new RecordingSubscriber();

        // when
        store.subscribe("orders", subscriber);
        RecordedEvent placed = store.getEventStream("orders", "1").addEvent("PLACED", Map.of());

        // then
        subscriber.awaitEventIds(List.of(placed.eventId()), Duration.ofSeconds(30));
        assertThat(subscriber.arrivals()).containsExactly(placed);
    }

    @Test
    void aPublisherBoundByAnotherModuleReplacesTheInMemoryBus() {
        // given: events in memory, notifications through another publisher (as with the SNS module)
        RecordingPublisher publisher = new RecordingPublisher();
        Injector injector = injector(new EventStoreModule(), new InMemoryEventStoreModule(),
                binder -> OptionalBinder.newOptionalBinder(binder, EventPublisher.class).setBinding()
                        .toInstance(publisher));
        DefaultEventStore store = injector.getInstance(DefaultEventStore.class);

        // when
        RecordedEvent placed = store.getEventStream("orders", "1").addEvent("PLACED", Map.of());

        // then
        assertThat(store.drainPublications(Duration.ofSeconds(30))).isTrue();
        assertThat(publisher.published()).containsExactly(placed);
        assertThat(injector.getInstance(EventPublisher.class)).isSameAs(publisher);
    }

    @Test
    void theModulesSnapshotPolicyReachesTheStore() {
        // given
        Injector injector = injector(new EventStoreModule(SnapshotPolicy.every(2), PublicationRelay.Settings.DEFAULT),
                new InMemoryEventStoreModule());
        EventStream order = injector.getInstance(EventStore.class).getEventStream("orders", "1");
        order.addEvent("PLACED", Map.of("item", "book"));
        order.addEvent("PAID", Map.of("amount", 25.5));

        // when
        order.loadFromHistory();

        // then
        assertThat(injector.getInstance(EventPersistence.class).snapshots().orElseThrow().load(order.key()))
                .hasValueSatisfying(snapshot -> assertThat(snapshot.sequence()).isEqualTo(2));
    }

    private Injector injector(com.google.inject.Module... modules) {
        Injector injector = Guice.createInjector(modules);
        injectors.add(injector);
        return injector;
    }
}
