package dev.eventstream.core;

import dev.eventstream.api.EventSerializer;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.Fold;
import dev.eventstream.api.Folded;
import dev.eventstream.api.History;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a stream's state: the seed's {@link History} ({@code loadFromHistory}) and a typed {@link Fold}'s state,
 * each from its latest snapshot when the persistence keeps them, storing a new snapshot as the
 * {@link SnapshotPolicy} says. Every snapshot is checked against the stream before use: its event must still be
 * where the snapshot says, with the same id, or the whole stream is folded.
 */
final class StreamLoading {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLoading.class);
    /** Names the history's snapshot of a store whose reads upcast; no class name starts with {@code $}. */
    private static final String HISTORY_PREFIX = "$history:";
    // The values of the snapshots meter's result tag.
    private static final String HIT = "hit";
    private static final String MISS = "miss";
    private static final String STORED = "stored";

    private final EventPersistence persistence;
    private final @Nullable SnapshotStore snapshots;
    private final SnapshotPolicy policy;
    private final TypedReads reads;
    private final StoreTelemetry telemetry;

    StreamLoading(EventPersistence persistence, @Nullable SnapshotStore snapshots, SnapshotPolicy policy,
            TypedReads reads, StoreTelemetry telemetry) {
        this.persistence = persistence;
        this.snapshots = snapshots;
        this.policy = policy;
        this.reads = reads;
        this.telemetry = telemetry;
    }

    History history(StreamKey stream) {
        if (snapshots != null) {
            Optional<Snapshot> snapshot = quietly(() -> loadHistorySnapshot(stream), "load the snapshot", stream);
            if (snapshot.isPresent()) {
                HistoryFold fold = new HistoryFold(snapshot.get());
                long folded = foldAfter(stream, snapshot.get().sequence(), snapshot.get().lastEventId(),
                        stored -> applyRead(fold, stored));
                if (folded >= 0) {
                    snapshotCounted(HIT);
                    saveHistoryIfDue(stream, fold, folded);
                    return fold.result();
                }
            }
            snapshotCounted(MISS);
        }
        HistoryFold fold = new HistoryFold();
        long folded = foldAll(events(stream, 1), stored -> applyRead(fold, stored));
        saveHistoryIfDue(stream, fold, folded);
        return fold.result();
    }

    /**
     * The history's snapshot. A store whose reads upcast keeps it as a named state, the name tagged with its
     * upcasters, so that a history folded from events read before an upcaster was added (or removed) is not used
     * after: the seed's own slot cannot tell.
     */
    private Optional<Snapshot> loadHistorySnapshot(StreamKey stream) {
        if (!types().upcasts()) {
            return snapshots.load(stream);
        }
        return snapshots.loadState(stream, historyName()).map(state -> new Snapshot(
                EventSerializer.defaults().deserialize(state.stateJson(), History.class), state.lastEventId()));
    }

    private void saveHistorySnapshot(StreamKey stream, Snapshot snapshot) {
        if (!types().upcasts()) {
            snapshots.save(stream, snapshot);
            return;
        }
        snapshots.saveState(stream, new StateSnapshot(historyName(), 1, snapshot.sequence(), snapshot.lastEventId(),
                EventSerializer.defaults().serialize(snapshot.history())));
    }

    private String historyName() {
        return HISTORY_PREFIX + types().upcastersSignature();
    }

    /** Folds the events {@code stored} is read as; the stored event's id anchors a snapshot made after it. */
    private void applyRead(HistoryFold fold, RecordedEvent stored) {
        reads.each(stored, fold::apply);
        fold.anchorAt(stored);
    }

    <S, E> Folded<S> state(StreamKey stream, Fold<S, E> fold) {
        boolean snapshotted = snapshots != null && fold.snapshotted();
        if (snapshotted) {
            Optional<Folding<S, E>> fromSnapshot = fromStateSnapshot(stream, fold);
            if (fromSnapshot.isPresent()) {
                snapshotCounted(HIT);
                return fromSnapshot.get().result(stream, snapshotted);
            }
            snapshotCounted(MISS);
        }
        Folding<S, E> folding = new Folding<>(fold, fold.initial(), 0, null);
        folding.folded = foldAll(events(stream, 1), folding::apply);
        return folding.result(stream, snapshotted);
    }

    private <S, E> Optional<Folding<S, E>> fromStateSnapshot(StreamKey stream, Fold<S, E> fold) {
        String name = stateName(fold);
        Optional<StateSnapshot> stored = quietly(() -> snapshots.loadState(stream, name), "load the state snapshot",
                stream);
        if (stored.isEmpty() || stored.get().stateVersion() != fold.stateVersion()) {
            return Optional.empty();
        }
        StateSnapshot snapshot = stored.get();
        S state;
        try {
            state = types().serializer().deserialize(snapshot.stateJson(), fold.stateClass());
        } catch (RuntimeException e) {
            LOG.warn("The state snapshot {} of stream {} at {} cannot be read into {}, so it is not used: {}", name,
                    stream, snapshot.sequence(), fold.stateClass().getName(), e.toString());
            return Optional.empty();
        }
        Folding<S, E> folding = new Folding<>(fold, state, snapshot.sequence(), snapshot.lastEventId());
        long folded = foldAfter(stream, snapshot.sequence(), snapshot.lastEventId(), folding::apply);
        if (folded < 0) {
            return Optional.empty();
        }
        folding.folded = folded;
        return Optional.of(folding);
    }

    /** The name a fold's state snapshots are kept under: its state class's. */
    static String stateName(Fold<?, ?> fold) {
        return fold.stateClass().getName();
    }

    private EventTypes types() {
        return reads.types();
    }

    /** A fold's state as it goes, and how many events it took since its snapshot (or the start). */
    private final class Folding<S, E> {
        private final Fold<S, E> fold;
        private S state;
        private long version;
        private @Nullable UUID lastEventId;
        private long folded;

        Folding(Fold<S, E> fold, S state, long version, @Nullable UUID lastEventId) {
            this.fold = fold;
            this.state = state;
            this.version = version;
            this.lastEventId = lastEventId;
        }

        /** Folds every event {@code stored} is read as; they share its sequence and the stored id anchors. */
        void apply(RecordedEvent stored) {
            reads.each(stored, event -> state = fold.apply(state, event));
            version = stored.sequence();
            lastEventId = stored.eventId();
        }

        Folded<S> result(StreamKey stream, boolean snapshotted) {
            if (snapshotted && lastEventId != null && policy.isDue(folded)) {
                saveState(stream, this);
            }
            return new Folded<>(state, version);
        }
    }

    private <S, E> void saveState(StreamKey stream, Folding<S, E> folding) {
        try {
            String json = types().serializer().serialize(folding.state);
            snapshots.saveState(stream, new StateSnapshot(stateName(folding.fold), folding.fold.stateVersion(),
                    folding.version, folding.lastEventId, json));
            snapshotCounted(STORED);
        } catch (RuntimeException e) {
            // A snapshot is only a shortcut: failing to store one costs the next load some speed, nothing else.
            LOG.warn("Saving a state snapshot of stream {} failed", stream, e);
        }
    }

    /**
     * Folds the events after a snapshot at {@code sequence}, reading from the snapshot's own event to check the
     * stream still holds {@code lastEventId} there.
     *
     * @return how many events were folded past the snapshot, or -1 when the snapshot does not match the stream
     */
    private long foldAfter(StreamKey stream, long sequence, UUID lastEventId,
            Consumer<RecordedEvent> fold) {
        Iterator<RecordedEvent> events = events(stream, sequence);
        if (!events.hasNext()) {
            return -1;
        }
        RecordedEvent anchor = events.next();
        if (anchor.sequence() != sequence || !anchor.eventId().equals(lastEventId)) {
            LOG.info("Ignoring the snapshot of stream {} at {}: the stream holds another event there", stream,
                    sequence);
            return -1;
        }
        return foldAll(events, fold);
    }

    /** The stored events of {@code stream} from {@code sequence} on, not yet upcast. */
    private Iterator<RecordedEvent> events(StreamKey stream, long sequence) {
        return persistence.readLazily(stream, sequence, DefaultEventStore.READ_PAGE_SIZE).iterator();
    }

    private void snapshotCounted(String result) {
        telemetry.count(Meter.SNAPSHOTS, 1, result);
    }

    private void saveHistoryIfDue(StreamKey stream, HistoryFold fold, long foldedSinceSnapshot) {
        if (snapshots == null || !policy.isDue(foldedSinceSnapshot)) {
            return;
        }
        try {
            fold.snapshot().ifPresent(snapshot -> {
                saveHistorySnapshot(stream, snapshot);
                snapshotCounted(STORED);
            });
        } catch (RuntimeException e) {
            LOG.warn("Saving a snapshot of stream {} failed", stream, e);
        }
    }

    /** Hands each stored event to {@code fold}, which folds what it is read as; counts the stored events. */
    private long foldAll(Iterator<RecordedEvent> events, Consumer<RecordedEvent> fold) {
        long folded = 0;
        while (events.hasNext()) {
            fold.accept(events.next());
            folded++;
        }
        return folded;
    }

    private static <T> Optional<T> quietly(Supplier<Optional<T>> load, String what, StreamKey stream) {
        try {
            return load.get();
        } catch (RuntimeException e) {
            LOG.warn("Failed to {} of stream {}; folding the whole stream", what, stream, e);
            return Optional.empty();
        }
    }
}
