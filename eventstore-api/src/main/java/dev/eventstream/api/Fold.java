package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A stream's state as a fold over its typed events: an initial state and a function from a state and an event to
 * the next state. {@link EventStream#load(Fold)} applies it to a stream, giving the state and the version to append
 * at. Immutable; make one per aggregate type and share it.
 *
 * <pre>{@code
 * Fold<Account, AccountEvent> accounts = Fold.of(AccountEvent.class, Account.OPENED_EMPTY, Account::apply)
 *         .withSnapshots(Account.class, 1);
 * }</pre>
 *
 * @param <S> the state; with snapshots, something the store's {@link EventSerializer} writes and reads back
 * @param <E> the events' common type, e.g. a sealed interface the event records implement
 */
public final class Fold<S, E> {
    private final Class<E> eventClass;
    private final S initial;
    private final BiFunction<S, ? super E, ? extends S> evolve;
    private final @Nullable Class<S> stateClass;
    private final int stateVersion;

    private Fold(Class<E> eventClass, S initial, BiFunction<S, ? super E, ? extends S> evolve,
            @Nullable Class<S> stateClass, int stateVersion) {
        this.eventClass = eventClass;
        this.initial = initial;
        this.evolve = evolve;
        this.stateClass = stateClass;
        this.stateVersion = stateVersion;
    }

    /**
     * @param eventClass what every event of the streams folded is (events of types read as untyped are passed over)
     * @param initial the state of a stream with no events
     * @param evolve the next state after an event; must not return null, and should not change the state it is given
     */
    public static <S, E> Fold<S, E> of(Class<E> eventClass, S initial, BiFunction<S, ? super E, ? extends S> evolve) {
        return new Fold<>(requireNonNull(eventClass, "eventClass is null"), requireNonNull(initial, "initial is null"),
                requireNonNull(evolve, "evolve is null"), null, 0);
    }

    /**
     * This fold with snapshots of its state: the store saves the state (as JSON, by the store's serializer) now and
     * then, as its snapshot policy says, and loads from the latest one. {@code stateVersion} tags every snapshot:
     * bump it whenever the state's shape or the fold's logic changes, and snapshots made before are ignored.
     *
     * @param stateClass the state's class, to read a snapshot back; it also names the snapshot, so two folds over
     *     one stream with different state classes keep snapshots of their own
     * @param stateVersion at least 1
     */
    public Fold<S, E> withSnapshots(Class<S> stateClass, int stateVersion) {
        requireNonNull(stateClass, "stateClass is null");
        Arguments.require(stateVersion >= 1, "stateVersion must be at least 1, was " + stateVersion);
        Arguments.require(stateClass.isInstance(initial), "the initial state is a " + initial.getClass().getName()
                + ", not a " + stateClass.getName());
        return new Fold<>(eventClass, initial, evolve, stateClass, stateVersion);
    }

    public Class<E> eventClass() {
        return eventClass;
    }

    public S initial() {
        return initial;
    }

    /** Whether the store keeps snapshots of this fold's state. */
    public boolean snapshotted() {
        return stateClass != null;
    }

    /** The state's class, when snapshotted; see {@link #withSnapshots}. */
    public @Nullable Class<S> stateClass() {
        return stateClass;
    }

    /** The tag of this fold's snapshots; 0 when not snapshotted. */
    public int stateVersion() {
        return stateVersion;
    }

    /**
     * The state after {@code event}, read as its registered class; {@code state} itself for an event read as
     * untyped.
     *
     * @throws ClassCastException when the event is of a registered class that is not an {@code E}
     */
    public S apply(S state, RecordedEvent event) {
        if (event.isUntyped()) {
            return state;
        }
        return evolve(state, event.event(eventClass), event);
    }

    /** The state after each of {@code events}, in order: what a decision's events make of the state it saw. */
    public S applyAll(S state, List<? extends E> events) {
        S next = state;
        for (E event : events) {
            next = evolve(next, event, null);
        }
        return next;
    }

    private S evolve(S state, E event, @Nullable RecordedEvent recorded) {
        S next = evolve.apply(state, event);
        if (next == null) {
            throw new IllegalStateException("the fold returned null for " + (recorded == null
                    ? "a " + event.getClass().getName()
                    : "event " + recorded.eventId() + " (" + recorded.stream() + " at " + recorded.sequence() + ")"));
        }
        return next;
    }
}
