package dev.eventstream.examples.bank;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.examples.bank.AccountEvent.AccountOpened;
import dev.eventstream.examples.bank.AccountEvent.MoneyDeposited;
import dev.eventstream.examples.bank.AccountEvent.MoneyWithdrawn;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A read model of every account's balance, fed by a catch-up subscription to the store's feed: it first reads the
 * accounts' history, then follows new events as they are committed. Each event arrives typed and in today's shape
 * (upcast by the store's {@link BankEventTypes}), with the metadata it was appended with.
 *
 * <p>The view is kept in memory, which suits an example: its consumer group's checkpoint is kept by the store, so a
 * restarted process resumes after it with an empty view. A real read model keeps its view in storage of its own, or
 * uses a consumer group per process.
 */
public final class AccountBalances implements AutoCloseable {
    /** The consumer group, whose checkpoint says how far the view has read the feed. */
    public static final String GROUP = "account-balances";

    /**
     * One account as the read model sees it.
     *
     * @param version the sequence of the last event handled: a repeat delivery (at least once) is recognized by it
     * @param lastCorrelationId the correlation id of the last event handled; null when it was appended without one
     */
    public record View(String owner, String currency, BigDecimal balance, long version,
            @Nullable String lastCorrelationId) {}

    private final Map<String, View> accounts = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final FeedSubscription subscription;

    /** Starts the read model: it catches up on the accounts' events, then follows them until closed. */
    public AccountBalances(EventStore store) {
        // Entries may arrive before this constructor returns: handle reads only the fields already set.
        this.subscription = store.subscribeToFeed(
                CatchUp.group(GROUP).aggregations(AccountCommands.AGGREGATION), this::handle);
    }

    private void handle(FeedEntry entry) {
        RecordedEvent recorded = entry.event();
        String accountId = recorded.streamId();
        View before = accounts.get(accountId);
        if (before != null && recorded.sequence() <= before.version()) {
            return; // delivered again after a restart: handled already
        }
        View after = evolve(before, recorded.event(AccountEvent.class), recorded);
        accounts.put(accountId, after);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static View evolve(@Nullable View view, AccountEvent event, RecordedEvent recorded) {
        String correlationId = recorded.metadata().correlationId();
        if (event instanceof AccountOpened opened) {
            return new View(opened.owner(), opened.currency(), BigDecimal.ZERO, recorded.sequence(), correlationId);
        }
        if (view == null) {
            throw new IllegalStateException(recorded.stream() + " has an event before its AccountOpened");
        }
        BigDecimal change;
        if (event instanceof MoneyDeposited deposited) {
            requireCurrency(view, deposited.currency(), recorded);
            change = deposited.amount();
        } else if (event instanceof MoneyWithdrawn withdrawn) {
            requireCurrency(view, withdrawn.currency(), recorded);
            change = withdrawn.amount().negate();
        } else {
            throw new IllegalArgumentException("unknown account event " + event.getClass().getName());
        }
        return new View(view.owner(), view.currency(), view.balance().add(change), recorded.sequence(),
                correlationId);
    }

    /**
     * Refuses money in another currency than the account's, which only a bad event can hold: without the upcaster,
     * an old deposit would arrive here with no currency, and its entry would be parked instead of counted.
     */
    private static void requireCurrency(View view, @Nullable String currency, RecordedEvent recorded) {
        if (!view.currency().equals(currency)) {
            throw new IllegalStateException("event " + recorded.eventId() + " of " + recorded.stream() + " moves "
                    + currency + " on an account in " + view.currency());
        }
    }

    /** The account as the read model has seen it so far. */
    public Optional<View> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    /** Every account seen so far, by id. */
    public Map<String, View> accounts() {
        return new TreeMap<>(accounts);
    }

    /**
     * Waits until the read model has handled the account's events up to {@code version}, e.g. the version a
     * command returned: the view is eventually consistent, and this is how a caller reads its own writes.
     *
     * @return the view then, or empty when it did not get there within {@code timeout}
     */
    public Optional<View> awaitVersion(String accountId, long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (true) {
                View view = accounts.get(accountId);
                if (view != null && view.version() >= version) {
                    return Optional.of(view);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    /** The entries the read model could not handle, parked after their retries: what to look at when it lags. */
    public List<ParkedEntry> parked() {
        return subscription.parked(100);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
