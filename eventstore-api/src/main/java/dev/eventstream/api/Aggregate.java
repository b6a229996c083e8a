package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * The command-handling loop over one aggregation's streams: load a stream's state with a {@link Fold}, let a
 * decision turn it into events, append them at exactly the version the decision saw, and, when another writer got
 * there first, load again and decide again. A command handler is then the decision alone:
 *
 * <pre>{@code
 * Aggregate<Account, AccountEvent> accounts = Aggregate.of(store, "accounts", Account.FOLD);
 * accounts.handle(accountId, account -> account.withdraw(amount));   // List<AccountEvent>, or a thrown rule
 * }</pre>
 *
 * <p>A decision must depend only on the state it is given (it may run more than once), and may throw to refuse the
 * command: nothing is appended then. Thread-safe; share one per aggregation.
 */
public final class Aggregate<S, E> {
    /** How often a decision is made anew after losing a race, by default. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private final EventStore store;
    private final String aggregation;
    private final Fold<S, E> fold;
    private final int maxAttempts;

    private Aggregate(EventStore store, String aggregation, Fold<S, E> fold, int maxAttempts) {
        this.store = store;
        this.aggregation = aggregation;
        this.fold = fold;
        this.maxAttempts = maxAttempts;
    }

    public static <S, E> Aggregate<S, E> of(EventStore store, String aggregation, Fold<S, E> fold) {
        requireNonNull(store, "store is null");
        new StreamKey(aggregation, "-"); // checks the aggregation name as a stream's, with the same messages
        return new Aggregate<>(store, aggregation, requireNonNull(fold, "fold is null"), DEFAULT_MAX_ATTEMPTS);
    }

    /** This helper deciding at most {@code maxAttempts} times per command (at least 1) before giving up. */
    public Aggregate<S, E> withMaxAttempts(int maxAttempts) {
        Arguments.require(maxAttempts >= 1, "maxAttempts must be at least 1, was " + maxAttempts);
        return new Aggregate<>(store, aggregation, fold, maxAttempts);
    }

    /** The stream {@code id}'s current state and version. */
    public Folded<S> load(String id) {
        return stream(id).load(fold);
    }

    /** {@link #handle(String, EventMetadata, Function)} without metadata. */
    public Folded<S> handle(String id, Function<? super S, ? extends List<? extends E>> decide) {
        return handle(id, EventMetadata.none(), decide);
    }

    /**
     * Loads stream {@code id}, decides, and appends the decision's events with {@code metadata} at exactly the
     * version loaded; on a conflict, loads and decides again, up to the helper's maximum attempts.
     *
     * @param decide the events the command makes of the state; an empty list appends nothing
     * @return the state after the appended events, and the stream's version after them
     * @throws WrongExpectedVersionException when every attempt lost its race
     */
    public Folded<S> handle(String id, EventMetadata metadata,
            Function<? super S, ? extends List<? extends E>> decide) {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(decide, "decide is null");
        EventStream stream = stream(id);
        for (int attempt = 1; ; attempt++) {
            Folded<S> current = stream.load(fold);
            List<? extends E> events = requireNonNull(decide.apply(current.state()), "the decision returned null");
            if (events.isEmpty()) {
                return current;
            }
            try {
                AppendResult appended = stream.append(current.expectedVersion(), events, metadata);
                return new Folded<>(fold.applyAll(current.state(), events), appended.version());
            } catch (WrongExpectedVersionException conflict) {
                if (attempt >= maxAttempts) {
                    throw conflict;
                }
            }
        }
    }

    private EventStream stream(String id) {
        return store.getEventStream(aggregation, id);
    }

    @Override
    public String toString() {
        return "Aggregate[" + aggregation + "]";
    }
}
