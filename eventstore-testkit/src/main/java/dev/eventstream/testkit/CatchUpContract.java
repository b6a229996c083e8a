package dev.eventstream.testkit;

import static dev.eventstream.testkit.Concurrently.runConcurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.FeedStart;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.testkit.accounts.AccountEvent;
import dev.eventstream.testkit.accounts.AccountTypes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A catch-up subscription of one instance: history then live with no gap, repeat or reordering at the switch;
 * filters, and the checkpoint passing what they leave out; where a new group starts; the checkpoint stored on close
 * and resumed from; a failing entry retried, then parked (and retried from there) or stopping the group.
 */
public abstract class CatchUpContract extends FeedContractPart {
    private static final String POISON = "POISON";

    protected CatchUpContract(FeedContract contract) {
        super(contract);
    }

    @Test
    protected void deliversTheHistoryThenLiveEntries_withoutGapRepeatOrReordering() {
        // given
        String aggregation = unique("orders");
        List<EventStream> streams = List.of(store().getEventStream(aggregation, "1"),
                store().getEventStream(aggregation, "2"), store().getEventStream(aggregation, "3"));
        List<RecordedEvent> appended = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            for (EventStream stream : streams) {
                appended.addAll(append(stream, "HISTORY", 1));
            }
        }
        awaitInFeed(ids(appended));
        RecordingFeedSubscriber subscriber = new RecordingFeedSubscriber();

        // when
        subscribe(store(), CatchUp.group(unique("group")).aggregations(aggregation), subscriber);
        List<List<RecordedEvent>> live = runConcurrently(streams.size(),
                writer -> append(streams.get(writer), "LIVE", appendsPerWriter()));
        live.forEach(appended::addAll);

        // then
        subscriber.awaitEventIds(ids(appended), deliveryBound());
        List<FeedEntry> feed = awaitInFeed(ids(appended));
        assertThat(subscriber.handled()).isEqualTo(feed);
        Map<StreamKey, List<Long>> sequences = new LinkedHashMap<>();
        subscriber.handled().forEach(entry -> sequences.computeIfAbsent(entry.stream(), key -> new ArrayList<>())
                .add(entry.event().sequence()));
        sequences.values().forEach(perStream -> assertThat(perStream).isSorted().doesNotHaveDuplicates());
    }

    @Test
    protected void aFilteredSubscriptionGetsOnlyWhatItKeeps_andItsCheckpointPassesTheRest() {
        // given
        String orders = unique("orders");
        String other = unique("other");
        List<RecordedEvent> appended = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            appended.add(store().getEventStream(orders, "1").addEvent(i % 2 == 0 ? "PLACED" : "PAID", Map.of()));
            appended.add(store().getEventStream(other, "1").addEvent("PLACED", Map.of()));
        }
        List<FeedEntry> feed = awaitInFeed(ids(appended));
        long last = feed.get(feed.size() - 1).position();
        String group = unique("group");
        RecordingFeedSubscriber subscriber = new RecordingFeedSubscriber();

        // when
        FeedSubscription subscription = subscribe(store(),
                CatchUp.group(group).aggregations(orders).eventTypes("PAID"), subscriber);

        // then
        Await.until(deliveryBound(), () -> "the subscription passes position " + last,
                () -> subscription.position() == last && checkpoint(group).orElse(0) == last);
        assertThat(subscriber.handled()).isEqualTo(feed.stream()
                .filter(entry -> entry.stream().aggregation().equals(orders))
                .filter(entry -> entry.event().eventType().equals("PAID"))
                .toList());
    }

    @Test
    protected void aTypedStoresSubscriberGetsEventsUpcast_aSplitEventsPartsAtOnePosition() {
        // given
        DefaultEventStore typed = storeOver(persistence(), feedSettings(),
                builder -> builder.eventTypes(AccountTypes.registry()));
        String accounts = unique("accounts");
        List<RecordedEvent> stored = store().getEventStream(accounts, "1").append(ExpectedVersion.noStream(),
                List.of(AccountTypes.oldDeposit("1.00"), AccountTypes.oldTransfer("0.40", "0.01"))).events();
        List<FeedEntry> feed = awaitInFeed(ids(stored));
        RecordingFeedSubscriber subscriber = new RecordingFeedSubscriber();

        // when
        subscribe(typed, CatchUp.group(unique("group")).aggregations(accounts), subscriber);

        // then
        subscriber.awaitPosition(feed.get(1).position(), deliveryBound());
        assertThat(subscriber.handled()).extracting(entry -> entry.event().event()).containsExactly(
                new AccountEvent.Deposited(new BigDecimal("1.00"), "EUR"),
                new AccountEvent.Withdrawn(new BigDecimal("0.40")),
                new AccountEvent.FeeCharged(new BigDecimal("0.01")));
        assertThat(subscriber.handled()).extracting(FeedEntry::position)
                .containsExactly(feed.get(0).position(), feed.get(1).position(), feed.get(1).position());
    }

    @Test
    protected void aGroupStartingAtTheEndGetsOnlyNewEntries() {
        // given
        EventStream stream = newStream();
        List<FeedEntry> history = awaitInFeed(ids(append(stream, "OLD", 5)));
        String group = unique("group");
        RecordingFeedSubscriber subscriber = new RecordingFeedSubscriber();

        // when
        subscribe(store(), CatchUp.group(group).startingAt(FeedStart.end()), subscriber);
        Await.until(deliveryBound(), () -> "the group's first checkpoint is stored", () -> checkpoint(group).isPresent());
        OptionalLong first = checkpoint(group);
        List<RecordedEvent> added = append(stream, "NEW", 3);

        // then
        assertThat(first).hasValue(history.get(history.size() - 1).position());
        subscriber.awaitEventIds(ids(added), deliveryBound());
        assertThat(subscriber.handled()).extracting(FeedEntry::event).containsExactlyElementsOf(added);
    }

    @Test
    protected void aGroupStartingAfterAPositionGetsTheEntriesAfterIt_andOneWithACheckpointResumesThere() {
        // given
        List<FeedEntry> feed = awaitInFeed(ids(append(newStream(), "STEP", 10)));
        RecordingFeedSubscriber fromFour = new RecordingFeedSubscriber();
        RecordingFeedSubscriber resumed = new RecordingFeedSubscriber();
        String withCheckpoint = unique("group");
        feedStorage().checkpoints().advance(withCheckpoint, feed.get(6).position());

        // when
        subscribe(store(), CatchUp.group(unique("group")).startingAt(FeedStart.after(feed.get(3).position())),
                fromFour);
        subscribe(store(), CatchUp.group(withCheckpoint).startingAt(FeedStart.after(feed.get(1).position())),
                resumed);

        // then
        fromFour.awaitPosition(feed.get(9).position(), deliveryBound());
        resumed.awaitPosition(feed.get(9).position(), deliveryBound());
        assertThat(fromFour.handled()).isEqualTo(feed.subList(4, 10));
        assertThat(resumed.handled()).isEqualTo(feed.subList(7, 10));
    }

    @Test
    protected void closingStoresTheCheckpointReached_andTheNextSubscriptionOfTheGroupResumesAfterIt() {
        // given: checkpoints written only on close, as the interval is not reached
        EventStream stream = newStream();
        List<RecordedEvent> appended = new ArrayList<>(append(stream, "STEP", 25));
        List<FeedEntry> history = awaitInFeed(ids(appended));
        String group = unique("group");
        DefaultEventStore batching = anotherProcessStore(feedSettings().withCheckpointInterval(Duration.ofHours(1)));
        RecordingFeedSubscriber first = new RecordingFeedSubscriber();
        FeedSubscription subscription = subscribe(batching, CatchUp.group(group), first);
        first.awaitPosition(history.get(11).position(), deliveryBound());
        assertThat(checkpoint(group)).as("checkpoint before the interval passed").isEmpty();

        // when
        subscription.close();

        // then
        long stored = checkpoint(group).orElseThrow();
        assertThat(stored).isEqualTo(subscription.position());
        assertThat(first.handled()).isEqualTo(history.stream().filter(entry -> entry.position() <= stored).toList());
        assertThat(subscription.isActive()).isFalse();

        // and when
        appended.addAll(append(stream, "MORE", 5));
        RecordingFeedSubscriber second = new RecordingFeedSubscriber();
        subscribe(store(), CatchUp.group(group), second);

        // then
        second.awaitEventIds(ids(appended.subList(25, 30)), deliveryBound());
        assertThat(second.handled()).isEqualTo(after(awaitInFeed(ids(appended)), stored));
    }

    @Test
    protected void aFailingEntryIsRetriedThenParkedWithItsReason_theGroupGoesOn_andRetryParkedHandlesItLater() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> appended = new ArrayList<>(append(stream, "OK", 3));
        appended.addAll(append(stream, POISON, 1));
        appended.addAll(append(stream, "OK", 3));
        List<FeedEntry> feed = awaitInFeed(ids(appended));
        FeedEntry poison = feed.get(3);
        AtomicBoolean failing = new AtomicBoolean(true);
        RecordingFeedSubscriber subscriber = new RecordingFeedSubscriber(failOnPoison(failing));
        String group = unique("group");

        // when
        FeedSubscription subscription = subscribe(store(),
                CatchUp.group(group).aggregations(stream.aggregation()).retries(3, Duration.ZERO), subscriber);

        // then
        long last = feed.get(feed.size() - 1).position();
        Await.until(deliveryBound(), () -> "the group passes " + last + "; checkpoint " + checkpoint(group),
                () -> checkpoint(group).orElse(0) == last);
        assertThat(subscriber.handled()).isEqualTo(feed.stream().filter(entry -> entry != poison).toList());
        assertThat(subscriber.attempts().stream().filter(poison::equals)).hasSize(3);
        List<ParkedEntry> parked = subscription.parked(10);
        assertThat(parked).singleElement().satisfies(entry -> {
            assertThat(entry.group()).isEqualTo(group);
            assertThat(entry.entry()).isEqualTo(poison);
            assertThat(entry.attempts()).isEqualTo(3);
            assertThat(entry.reason()).contains(IllegalStateException.class.getName())
                    .contains("cannot handle " + poison.event().eventId());
        });
        assertThat(subscription.failure()).isEmpty();

        // and when the subscriber still fails, the entry stays parked
        assertThat(subscription.retryParked()).isZero();
        assertThat(subscription.parked(10)).hasSize(1);

        // and when it handles it
        failing.set(false);
        int retried = subscription.retryParked();

        // then
        assertThat(retried).isEqualTo(1);
        assertThat(subscription.parked(10)).isEmpty();
        assertThat(subscriber.handled()).last().isEqualTo(poison);
        assertThat(feedStorage().parked().list(group, 10)).isEmpty();
    }

    @Test
    protected void theStopPolicyStopsAtTheFailingEntry_leavingTheCheckpointBeforeIt() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> appended = new ArrayList<>(append(stream, "OK", 3));
        appended.addAll(append(stream, POISON, 1));
        appended.addAll(append(stream, "OK", 2));
        List<FeedEntry> feed = awaitInFeed(ids(appended));
        FeedEntry poison = feed.get(3);
        AtomicBoolean failing = new AtomicBoolean(true);
        RecordingFeedSubscriber subscriber = new RecordingFeedSubscriber(failOnPoison(failing));
        String group = unique("group");
        CatchUp catchUp = CatchUp.group(group).retries(2, Duration.ZERO).onFailure(CatchUp.OnFailure.STOP);

        // when
        FeedSubscription subscription = subscribe(store(), catchUp, subscriber);

        // then
        Await.until(deliveryBound(), () -> "the subscription stops", () -> subscription.failure().isPresent());
        assertThat(subscription.failure().orElseThrow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot handle " + poison.event().eventId());
        Await.until(deliveryBound(), () -> "the checkpoint is stored before the failing entry; it is "
                + checkpoint(group), () -> checkpoint(group).orElse(-1) == poison.position() - 1);
        assertThat(subscription.isActive()).isFalse();
        assertThat(subscription.position()).isEqualTo(poison.position() - 1);
        assertThat(subscriber.handled()).isEqualTo(feed.subList(0, 3));
        assertThat(subscriber.attempts().stream().filter(poison::equals)).hasSize(2);
        assertThat(subscription.parked(10)).isEmpty();

        // and when the group starts again with a subscriber that handles it
        subscription.close();
        failing.set(false);
        RecordingFeedSubscriber restarted = new RecordingFeedSubscriber(failOnPoison(failing));
        subscribe(store(), catchUp, restarted);

        // then
        restarted.awaitPosition(feed.get(feed.size() - 1).position(), deliveryBound());
        assertThat(restarted.handled()).isEqualTo(feed.subList(3, feed.size()));
    }

    @Test
    protected void subscribeToFeedChecksItsArgumentsAndNeedsAFeed() {
        // given
        DefaultEventStore withoutFeed = new DefaultEventStore(new ForwardingPersistence(persistence()) {
            @Override
            public Optional<FeedStorage> feed() {
                return Optional.empty();
            }

            @Override
            public void close() {
                // The test's persistence is closed after the test.
            }
        });
        CatchUp catchUp = CatchUp.group(unique("group"));
        Consumer<FeedEntry> subscriber = entry -> {};

        // when / then
        assertThatThrownBy(() -> store().subscribeToFeed(null, subscriber)).isInstanceOf(NullPointerException.class)
                .hasMessage("catchUp is null");
        assertThatThrownBy(() -> store().subscribeToFeed(catchUp, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("subscriber is null");
        assertThatThrownBy(() -> withoutFeed.subscribeToFeed(catchUp, subscriber))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keeps no feed");
        assertThatThrownBy(() -> withoutFeed.readFeed(1, FeedFilter.all()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keeps no feed");
        FeedSubscription subscription = subscribe(store(), catchUp, subscriber);
        assertThatThrownBy(() -> subscription.parked(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        withoutFeed.close();
    }

    private OptionalLong checkpoint(String group) {
        return feedStorage().checkpoints().load(group);
    }

    /** Throws on the POISON entries while {@code failing}, naming the event. */
    private static Consumer<FeedEntry> failOnPoison(AtomicBoolean failing) {
        return entry -> {
            if (failing.get() && entry.event().eventType().equals(POISON)) {
                throw new IllegalStateException("cannot handle " + entry.event().eventId());
            }
        };
    }
}
