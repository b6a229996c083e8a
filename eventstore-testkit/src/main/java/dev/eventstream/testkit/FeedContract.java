package dev.eventstream.testkit;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedSettings;
import dev.eventstream.core.FeedStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every persistence with a feed ({@link EventPersistence#feed()}) must show: the feed's positions and
 * order, catch-up subscriptions over it, and the ports that keep the consumer groups' leases, checkpoints and parked
 * entries. An adapter runs it by extending this class in its tests and implementing {@link #createPersistence()}.
 *
 * <p>The tests live in parts, one per responsibility, each a {@link FeedContractPart} in a file of its own, run as
 * {@code @Nested} classes of this one: {@link FeedReadingContract}, {@link CatchUpContract},
 * {@link CrashResumeContract}, {@link ConsumerGroupContract}, {@link FeedNotificationsContract}, {@link LeaseStoreContract},
 * {@link CheckpointStoreContract} and {@link ParkedEntryStoreContract}.
 *
 * <p>The feed may trail the appends (on DynamoDB it is built from the table's stream): no test assumes an event is in
 * the feed when its append returns; each waits, up to {@link #feedLagBound()}, for what it appended to appear. Several
 * processes are simulated by several stores, each over {@link #anotherProcess} of the test's persistence. Stores and
 * subscriptions a test opens are closed after it.
 *
 * <p>Hooks for what differs between adapters: {@link #anotherProcess}, {@link #feedLagBound()},
 * {@link #feedSettings()}, {@link #letTimePass} and the sizes.
 */
public abstract class FeedContract {
    private @Nullable EventPersistence persistence;
    private @Nullable DefaultEventStore store;
    private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());

    /**
     * A new persistence with a feed, over storage no other test uses (its feed starts empty), called before each
     * test and closed after it.
     */
    protected abstract EventPersistence createPersistence();

    /**
     * A persistence over the same storage as {@code persistence}, as another process of the service would open it.
     * The default shares {@code persistence} itself (closing the result does nothing), which suits an adapter whose
     * storage lives in the persistence object, as the in-memory one.
     */
    protected EventPersistence anotherProcess(EventPersistence persistence) {
        return new ForwardingPersistence(persistence) {
            @Override
            public void close() {
                // The storage belongs to the test's persistence, closed after the test.
            }
        };
    }

    /** How long an appended event may take to appear in the feed; a bound on waiting, never an assertion. */
    protected Duration feedLagBound() {
        return Duration.ofSeconds(30);
    }

    /**
     * The settings of the stores the tests build: quick polls, the shortest lease (1 s) so that takeovers happen
     * soon, a checkpoint write after every page, and small pages so that a few events span several.
     */
    protected FeedSettings feedSettings() {
        return FeedSettings.DEFAULT
                .withPollInterval(Duration.ofMillis(20))
                .withLeaseDuration(Duration.ofSeconds(1))
                .withCheckpointInterval(Duration.ZERO)
                .withPageSize(10);
    }

    /**
     * Makes {@code duration} pass for the leases of {@code persistence} (and every process over its storage), so
     * that a lease nobody renews looks expired. The default sleeps; an adapter whose leases read a clock the test
     * controls moves it instead. The lease port's tests use it; the subscriptions' takeover tests let a holder hang
     * in real time, as a subscription times its own renewals by its monotonic clock.
     */
    protected void letTimePass(EventPersistence persistence, Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while letting time pass", e);
        }
    }

    /** How many threads append at once in the ordering tests. */
    protected int concurrentWriters() {
        return 4;
    }

    /** How many appends each of the {@link #concurrentWriters()} makes. */
    protected int appendsPerWriter() {
        return 15;
    }

    @BeforeEach
    protected final void openFeedPersistence() {
        persistence = requireNonNull(createPersistence(), "createPersistence() returned null");
        if (persistence.feed().isEmpty()) {
            throw new AssertionError(persistence + " keeps no feed: FeedContract needs one from createPersistence()");
        }
        store = DefaultEventStore.builder(persistence).feedSettings(feedSettings()).build();
    }

    @AfterEach
    protected final void closeFeedPersistence() {
        List<AutoCloseable> toClose;
        synchronized (opened) {
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        Collections.reverse(toClose);
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new AssertionError("closing " + resource + " failed", e);
            }
        }
        if (store != null) {
            store.close(); // Closes the persistence too.
        }
    }

    /** The persistence of the running test. */
    protected final EventPersistence persistence() {
        return requireNonNull(persistence, "no test is running");
    }

    /** The store of the running test, over {@link #persistence()}, with {@link #feedSettings()}. */
    protected final DefaultEventStore store() {
        return requireNonNull(store, "no test is running");
    }

    /** The feed storage of {@link #persistence()}. */
    protected final FeedStorage feedStorage() {
        return persistence().feed().orElseThrow();
    }

    /** A store over {@code persistence} with {@code settings}, closed after the test (closing the persistence). */
    protected final DefaultEventStore storeOver(EventPersistence persistence, FeedSettings settings) {
        return storeOver(persistence, settings, UnaryOperator.identity());
    }

    /** A store over {@code persistence} with {@code settings} and what {@code more} sets, closed after the test. */
    protected final DefaultEventStore storeOver(EventPersistence persistence, FeedSettings settings,
            UnaryOperator<DefaultEventStore.Builder> more) {
        DefaultEventStore built = more.apply(DefaultEventStore.builder(persistence).feedSettings(settings)).build();
        opened.add(built);
        return built;
    }

    /** Another process's persistence over the test's storage, closed after the test. */
    protected final EventPersistence openAnotherProcess() {
        EventPersistence other = requireNonNull(anotherProcess(persistence()), "anotherProcess(...) returned null");
        opened.add(other);
        return other;
    }

    /** A store of another process over the test's storage, with {@code settings}. */
    protected final DefaultEventStore anotherProcessStore(FeedSettings settings) {
        return storeOver(anotherProcess(persistence()), settings);
    }

    /** Starts a subscription, closed after the test (before the stores). */
    protected final FeedSubscription subscribe(DefaultEventStore on, CatchUp catchUp, Consumer<FeedEntry> subscriber) {
        FeedSubscription subscription = on.subscribeToFeed(catchUp, subscriber);
        opened.add(subscription);
        return subscription;
    }

    /**
     * Waits until the feed holds every event of {@code eventIds} and returns the feed's entries of those events, in
     * feed order.
     */
    protected final List<FeedEntry> awaitInFeed(Collection<UUID> eventIds) {
        Set<UUID> wanted = new HashSet<>(eventIds);
        List<List<FeedEntry>> found = new ArrayList<>(List.of(List.of()));
        Await.until(feedLagBound(), () -> "the feed holds " + wanted.size() + " events; it holds "
                + found.get(0).size() + " of them", () -> {
                    List<FeedEntry> entries = store().readFeed(1, FeedFilter.all())
                            .filter(entry -> wanted.contains(entry.event().eventId()))
                            .toList();
                    found.set(0, entries);
                    return entries.size() >= wanted.size();
                });
        return found.get(0);
    }

    /** Feed reading, positions and order: {@link FeedReadingContract}. */
    @Nested
    class Reading extends FeedReadingContract {
        Reading() {
            super(FeedContract.this);
        }
    }

    /** Catch-up subscriptions of one instance: {@link CatchUpContract}. */
    @Nested
    class CatchUpSubscriptions extends CatchUpContract {
        CatchUpSubscriptions() {
            super(FeedContract.this);
        }
    }

    /** A subscription's process dying at each step of a delivery: {@link CrashResumeContract}. */
    @Nested
    class CrashResume extends CrashResumeContract {
        CrashResume() {
            super(FeedContract.this);
        }
    }

    /** Several instances of one group: {@link ConsumerGroupContract}. */
    @Nested
    class ConsumerGroups extends ConsumerGroupContract {
        ConsumerGroups() {
            super(FeedContract.this);
        }
    }

    /** Notifications published from the feed: {@link FeedNotificationsContract}. */
    @Nested
    class Notifications extends FeedNotificationsContract {
        Notifications() {
            super(FeedContract.this);
        }
    }

    /** The lease port: {@link LeaseStoreContract}. */
    @Nested
    class Leases extends LeaseStoreContract {
        Leases() {
            super(FeedContract.this);
        }
    }

    /** The checkpoint port: {@link CheckpointStoreContract}. */
    @Nested
    class Checkpoints extends CheckpointStoreContract {
        Checkpoints() {
            super(FeedContract.this);
        }
    }

    /** The parked-entry port: {@link ParkedEntryStoreContract}. */
    @Nested
    class ParkedEntries extends ParkedEntryStoreContract {
        ParkedEntries() {
            super(FeedContract.this);
        }
    }
}
