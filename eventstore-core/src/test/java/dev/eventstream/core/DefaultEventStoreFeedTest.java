package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.FeedSubscription;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the store adds around catch-up subscriptions: argument checks, the missing feed, closing with the store. */
class DefaultEventStoreFeedTest {
    private static final FeedSettings FAST = FeedSettings.DEFAULT.withPollInterval(Duration.ofMillis(5))
            .withCheckpointInterval(Duration.ofHours(1));

    @Test
    void subscribeToFeedChecksItsArgumentsBeforeAnything_andNamesAMissingFeed() {
        // given
        DefaultEventStore withoutFeed = new DefaultEventStore(new TestPersistence());

        // when / then
        assertThatThrownBy(() -> withoutFeed.subscribeToFeed(null, entry -> {}))
                .isInstanceOf(NullPointerException.class).hasMessage("catchUp is null");
        assertThatThrownBy(() -> withoutFeed.subscribeToFeed(CatchUp.group("g"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("subscriber is null");
        assertThatThrownBy(() -> withoutFeed.subscribeToFeed(CatchUp.group("g"), entry -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TestPersistence keeps no feed: reading the feed and catch-up subscriptions need a"
                        + " persistence with one");
    }

    @Test
    void closingTheStoreClosesItsSubscriptions_storingTheirCheckpoints() {
        // given
        TestFeedStorage storage = new TestFeedStorage();
        storage.append("STEP", 3);
        DefaultEventStore store = DefaultEventStore.builder(new TestPersistence(storage)).feedSettings(FAST).build();
        AtomicInteger delivered = new AtomicInteger();
        FeedSubscription subscription = store.subscribeToFeed(CatchUp.group("g"), entry -> delivered.incrementAndGet());
        FeedSubscriptionRunnerTest.awaitUntil("three entries are delivered", () -> delivered.get() == 3);
        assertThat(storage.load("g")).isEmpty();

        // when
        store.close();

        // then
        assertThat(storage.load("g")).hasValue(3);
        assertThat(subscription.isActive()).isFalse();
        assertThatThrownBy(() -> store.subscribeToFeed(CatchUp.group("g"), entry -> {}))
                .isInstanceOf(IllegalStateException.class).hasMessage("this event store is closed");
    }

    @Test
    void closingTheStoreClosesItsPortsAsWell_theSubscriptionSourceIncluded() {
        // given: a store that started a catch-up subscription, so that it also has groups to close
        AtomicInteger sourceClosed = new AtomicInteger();
        SubscriptionSource source = new SubscriptionSource() {
            @Override
            public dev.eventstream.api.Subscription subscribe(String aggregation,
                    java.util.function.Consumer<dev.eventstream.api.RecordedEvent> subscriber) {
                return () -> {};
            }

            @Override
            public void close() {
                sourceClosed.incrementAndGet();
            }
        };
        DefaultEventStore store = DefaultEventStore.builder(new TestPersistence(new TestFeedStorage()))
                .feedSettings(FAST).subscriptions(source).build();
        store.subscribeToFeed(CatchUp.group("g"), entry -> {});

        // when
        store.close();

        // then
        assertThat(sourceClosed).hasValue(1);
    }

    @Test
    void notificationsFromTheFeedNeedAPersistenceWithOne_andSaySoWhenTheStoreIsBuilt() {
        // given
        DefaultEventStore.Builder builder = DefaultEventStore.builder(new TestPersistence())
                .publisher(events -> {})
                .publicationSource(PublicationSource.FEED);

        // when / then
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("publicationSource is FEED, but TestPersistence keeps no feed");
    }
}
