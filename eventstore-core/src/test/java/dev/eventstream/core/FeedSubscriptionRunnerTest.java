package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner's own duties, over a test storage that fails on demand: going on after failures, closing, standing by. */
class FeedSubscriptionRunnerTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final FeedSettings FAST = FeedSettings.DEFAULT.withPollInterval(Duration.ofMillis(5))
            .withLeaseDuration(Duration.ofSeconds(1)).withCheckpointInterval(Duration.ZERO).withPageSize(2);

    private final TestFeedStorage storage = new TestFeedStorage();
    private final FeedSubscriptions subscriptions = new FeedSubscriptions(storage, FAST, Clock.systemUTC(),
            StoreTelemetry.none());
    private final List<Long> delivered = new ArrayList<>();

    @AfterEach
    void closeSubscriptions() {
        subscriptions.close();
    }

    @Test
    void goesOnDelivering_whenFeedReadsCheckpointWritesAndLeaseCallsFailForAWhile() {
        // given
        storage.failingReads.set(3);
        storage.failingCheckpointWrites.set(3);
        storage.failingLeaseCalls.set(3);
        long last = storage.append("STEP", 7);

        // when
        FeedSubscription subscription = start(CatchUp.group("g"), recording());

        // then
        awaitUntil("everything is delivered and checkpointed",
                () -> positions().size() == 7 && storage.load("g").orElse(0) == last);
        assertThat(positions()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(subscription.isActive()).isTrue();
        assertThat(subscription.failure()).isEmpty();
    }

    @Test
    void closeIsBounded_whenTheSubscriberHangs_andStillStoresTheCheckpointAndReleasesTheLease() {
        // given
        FeedSubscriptions impatient = new FeedSubscriptions(storage, FAST.withCloseTimeout(Duration.ofMillis(50)),
                Clock.systemUTC(), StoreTelemetry.none());
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        storage.append("STEP", 5);
        FeedSubscription subscription = impatient.start(FeedGroup.of(CatchUp.group("g")), entry -> {
            if (entry.position() == 3) {
                hanging.countDown();
                awaitQuietly(release);
            }
            record(entry);
        });
        awaitQuietly(hanging);

        // when
        try {
            assertTimeoutPreemptively(BOUND, subscription::close);

            // then
            assertThat(storage.load("g")).hasValue(2);
            assertThat(storage.leaseOwner("group:g")).isNull();
            assertThat(subscription.isActive()).isFalse();
        } finally {
            release.countDown();
        }
        awaitThreadEnds("g");
        assertThat(positions()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aSubscriberMayCloseItsOwnSubscription_whichStopsAfterThatEntry() {
        // given
        storage.append("STEP", 5);
        AtomicReference<FeedSubscription> self = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);

        // when
        self.set(start(CatchUp.group("g"), entry -> {
            awaitQuietly(started);
            record(entry);
            if (entry.position() == 2) {
                self.get().close();
            }
        }));
        started.countDown();

        // then
        awaitThreadEnds("g");
        assertThat(positions()).containsExactly(1L, 2L);
        assertThat(storage.load("g")).hasValue(2);
        assertThat(storage.leaseOwner("group:g")).isNull();
    }

    @Test
    void standsByWhileAnotherInstanceHoldsTheLease_andTakesOverWhenItIsFree() {
        // given
        storage.tryAcquire("group:g", "another", Duration.ofSeconds(1));
        storage.append("STEP", 3);
        FeedSubscription subscription = start(CatchUp.group("g"), recording());

        // when
        awaitUntil("the standby tried the lease a few times", () -> storage.leaseCalls.get() >= 4);

        // then
        assertThat(subscription.isActive()).isFalse();
        assertThat(positions()).isEmpty();

        // and when
        storage.release("group:g", "another");

        // then
        awaitUntil("the subscription takes over", () -> positions().size() == 3);
        assertThat(subscription.isActive()).isTrue();
    }

    @Test
    void aStandbyThatNeverHeldTheLeaseDoesNotReleaseItOnClose() {
        // given
        storage.tryAcquire("group:g", "another", Duration.ofSeconds(1));
        FeedSubscription standby = start(CatchUp.group("g"), recording());
        awaitUntil("the standby tried the lease", () -> storage.leaseCalls.get() >= 2);

        // when
        standby.close();

        // then
        assertThat(storage.releaseCalls).hasValue(0);
        assertThat(storage.leaseOwner("group:g")).isEqualTo("another");
    }

    @Test
    void closingTheFactoryClosesEverySubscription_storingCheckpointsAndReleasingLeases() {
        // given
        FeedSettings batching = FAST.withCheckpointInterval(Duration.ofHours(1));
        FeedSubscriptions store = new FeedSubscriptions(storage, batching, Clock.systemUTC(), StoreTelemetry.none());
        storage.append("STEP", 4);
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        store.start(FeedGroup.of(CatchUp.group("a")), entry -> add(first, entry));
        store.start(FeedGroup.of(CatchUp.group("b")), entry -> add(second, entry));
        awaitUntil("both groups delivered", () -> size(first) == 4 && size(second) == 4);
        assertThat(storage.load("a")).isEmpty();

        // when
        store.close();

        // then
        assertThat(storage.load("a")).hasValue(4);
        assertThat(storage.load("b")).hasValue(4);
        assertThat(storage.leaseOwner("group:a")).isNull();
        assertThat(storage.leaseOwner("group:b")).isNull();
    }

    @Test
    void runsOnADaemonThreadNamedAfterTheGroup_andTheStoresOwnGroupsMayStartWithADollar() {
        // given
        storage.append("STEP", 2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> thread = new AtomicReference<>();

        // when
        FeedSubscription subscription = subscriptions.start(FeedGroup.internal("$notifications", CatchUp.group("x")),
                entry -> {
                    thread.set(Thread.currentThread());
                    awaitQuietly(release);
                });

        // then
        try {
            awaitUntil("the first entry is delivered", () -> thread.get() != null);
            assertThat(thread.get().getName()).isEqualTo("eventstream-feed-$notifications");
            assertThat(thread.get().isDaemon()).isTrue();
            assertThat(subscription.group()).isEqualTo("$notifications");
            assertThat(storage.leaseOwner("group:$notifications")).isNotNull();
        } finally {
            release.countDown();
        }
    }

    @Test
    void parkedChecksItsLimit_andRetryParkedRefusesOnceClosed() {
        // given
        FeedSubscription subscription = start(CatchUp.group("g"), recording());

        // when
        subscription.close();

        // then
        assertThatThrownBy(() -> subscription.parked(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 10000, was 0");
        assertThatThrownBy(subscription::retryParked).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(subscription.failure()).isEqualTo(Optional.empty());
        subscription.close();
    }

    @Test
    void instancesRestoredFromOneSnapshotShareALease_untilTheyTakeNewIdentities_thenOneOfThemDelivers() {
        // given: two instances of group g under one lease owner id, as in two environments restored from a snapshot
        AtomicInteger ids = new AtomicInteger();
        Supplier<String> snapshotted = () -> ids.getAndIncrement() < 2 ? "snapshot-owner" : "own-" + ids.get();
        FeedSettings settings = FAST.withLeaseDuration(Duration.ofSeconds(3));
        storage.leasesExpire = true;
        FeedSubscriptions first = new FeedSubscriptions(storage, settings, Clock.systemUTC(), snapshotted,
                StoreTelemetry.none());
        FeedSubscriptions second = new FeedSubscriptions(storage, settings, Clock.systemUTC(), snapshotted,
                StoreTelemetry.none());
        List<Long> byFirst = new ArrayList<>();
        List<Long> bySecond = new ArrayList<>();
        storage.append("STEP", 3);
        FeedSubscription a = first.start(FeedGroup.of(CatchUp.group("g")), entry -> add(byFirst, entry));
        FeedSubscription b = second.start(FeedGroup.of(CatchUp.group("g")), entry -> add(bySecond, entry));
        try {
            awaitUntil("both hold the lease under the shared id, and the entries are delivered",
                    () -> a.isActive() && b.isActive() && size(byFirst) + size(bySecond) >= 3);

            // when
            first.takeNewIdentities();
            second.takeNewIdentities();

            // then: the shared lease runs out, one takes it under an id of its own, and only that one delivers
            awaitUntil("one instance holds the lease under a new id", () -> a.isActive() != b.isActive()
                    && String.valueOf(storage.leaseOwner("group:g")).startsWith("own-"));
            FeedSubscription holder = a.isActive() ? a : b;
            List<Long> delivering = holder == a ? byFirst : bySecond;
            List<Long> standingBy = holder == a ? bySecond : byFirst;
            int before = size(standingBy);
            long last = storage.append("STEP", 3);
            awaitUntil("the holder delivers the new entries", () -> holder.position() == last);
            assertThat(size(standingBy)).isEqualTo(before);
            assertThat(delivering).contains(4L, 5L, 6L);
            assertThat(a.isActive()).isNotEqualTo(b.isActive());
        } finally {
            first.close();
            second.close();
        }
    }

    private FeedSubscription start(CatchUp catchUp, Consumer<FeedEntry> subscriber) {
        return subscriptions.start(FeedGroup.of(catchUp), subscriber);
    }

    private Consumer<FeedEntry> recording() {
        return this::record;
    }

    private void record(FeedEntry entry) {
        add(delivered, entry);
    }

    private List<Long> positions() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    private static void add(List<Long> positions, FeedEntry entry) {
        synchronized (positions) {
            positions.add(entry.position());
        }
    }

    private static int size(List<Long> positions) {
        synchronized (positions) {
            return positions.size();
        }
    }

    private static void awaitThreadEnds(String group) {
        awaitUntil("the thread of group " + group + " ends", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("eventstream-feed-" + group)));
    }

    static void awaitUntil(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("gave up waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the latch was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
