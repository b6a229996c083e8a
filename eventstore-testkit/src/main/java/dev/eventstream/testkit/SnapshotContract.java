package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.History;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.Snapshot;
import dev.eventstream.core.SnapshotPolicy;
import dev.eventstream.core.SnapshotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshots, for a persistence that keeps them ({@link EventPersistence#snapshots()}): {@code loadFromHistory}
 * gives the same result with and without them, and a missing, outdated or wrong snapshot only costs speed.
 */
public abstract class SnapshotContract {
    private EventPersistence persistence;
    private SnapshotStore snapshots;
    private DefaultEventStore withSnapshots;
    private DefaultEventStore withoutSnapshots;

    /** A persistence over empty (or test-private) storage that keeps snapshots. */
    protected abstract EventPersistence createPersistence();

    @BeforeEach
    void openStores() {
        persistence = createPersistence();
        snapshots = persistence.snapshots()
                .orElseThrow(() -> new AssertionError(persistence + " keeps no snapshots"));
        withSnapshots = DefaultEventStore.builder(persistence).snapshotPolicy(SnapshotPolicy.every(3)).build();
        withoutSnapshots = DefaultEventStore.builder(persistence).snapshotPolicy(SnapshotPolicy.NEVER).build();
    }

    @AfterEach
    void closeStores() {
        withSnapshots.close();
    }

    private EventStream streamIn(DefaultEventStore store, StreamKey key) {
        return store.getEventStream(key);
    }

    @Test
    protected void loadFromHistoryIsTheSameWithAndWithoutSnapshots_asTheStreamGrows() {
        // given: payloads of every kind, so the merge rules are exercised across snapshot boundaries
        StreamKey key = StreamKey.of(uniqueName("orders"), "1");
        EventStream stream = streamIn(withSnapshots, key);
        List<Object> payloads = List.of(
                Map.of("a", 1, "nested", Map.of("x", 1)), Map.of("b", 2), Map.of("a", 3, "nested", Map.of("y", 2)),
                List.of(1, 2), Map.of("c", 4), "plain text", Map.of("d", 5), Map.of("a", 6), 42, Map.of("e", 7),
                Map.of("f", 8), Map.of("a", 9));

        for (int i = 0; i < payloads.size(); i++) {
            // when
            stream.addEvent("STEP_" + i, payloads.get(i));
            History fromSnapshots = stream.loadFromHistory();

            // then
            History folded = streamIn(withoutSnapshots, key).loadFromHistory();
            assertThat(fromSnapshots).as("after event %d", i + 1).isEqualTo(folded);
        }
        assertThat(snapshots.load(key)).isPresent();
    }

    @Test
    protected void aSnapshotIsStoredOnceThePolicyIsDue() {
        // given
        StreamKey key = StreamKey.of(uniqueName("orders"), "1");
        EventStream stream = streamIn(withSnapshots, key);
        stream.addEvent("A", Map.of("a", 1));
        stream.addEvent("B", Map.of("b", 2));
        stream.loadFromHistory();
        assertThat(snapshots.load(key)).as("two events are below the policy of three").isEmpty();

        // when
        stream.addEvent("C", Map.of("c", 3));
        History history = stream.loadFromHistory();

        // then
        Snapshot snapshot = snapshots.load(key).orElseThrow();
        assertThat(snapshot.history()).isEqualTo(history);
        assertThat(snapshot.lastEventId()).isEqualTo(stream.getEvents().get(2).eventId());
    }

    @Test
    protected void aSnapshotThatDoesNotMatchTheStreamIsIgnored() {
        // given: a snapshot claiming the stream's second event had another id and another state
        StreamKey key = StreamKey.of(uniqueName("orders"), "1");
        EventStream stream = streamIn(withSnapshots, key);
        stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("A", Map.of("a", 1)),
                NewEvent.of("B", Map.of("b", 2))));
        RecordedEvent second = stream.getEvents().get(1);
        snapshots.save(key, new Snapshot(new History(second.commitTimestamp(), 2, List.of("X", "Y"),
                JsonNodeFactory.instance.objectNode().put("wrong", true)), UUID.randomUUID()));

        // when
        History history = stream.loadFromHistory();

        // then
        assertThat(history).isEqualTo(streamIn(withoutSnapshots, key).loadFromHistory());
        assertThat(history.eventTypes()).containsExactly("A", "B");
    }

    @Test
    protected void aSnapshotPastTheEndOfTheStreamIsIgnored() {
        // given
        StreamKey key = StreamKey.of(uniqueName("orders"), "1");
        EventStream stream = streamIn(withSnapshots, key);
        stream.addEvent("A", Map.of("a", 1));
        snapshots.save(key, new Snapshot(new History(Instant.now(), 50, List.of("X"),
                JsonNodeFactory.instance.objectNode()), UUID.randomUUID()));

        // when
        History history = stream.loadFromHistory();

        // then
        assertThat(history.sequence()).isEqualTo(1);
        assertThat(history.eventTypes()).containsExactly("A");
    }

    @Test
    protected void anOlderSnapshotDoesNotReplaceANewerOne() {
        // given
        StreamKey key = StreamKey.of(uniqueName("orders"), "1");
        EventStream stream = streamIn(withoutSnapshots, key);
        for (int i = 1; i <= 4; i++) {
            stream.addEvent("STEP", Map.of("i", i));
        }
        List<RecordedEvent> events = stream.getEvents();
        Snapshot atFour = snapshotOf(events);
        Snapshot atTwo = snapshotOf(events.subList(0, 2));

        // when
        snapshots.save(key, atFour);
        snapshots.save(key, atTwo);

        // then
        assertThat(snapshots.load(key)).contains(atFour);
    }

    @Test
    protected void aStreamWithoutSnapshotHasNone() {
        assertThat(snapshots.load(StreamKey.of(uniqueName("orders"), "none"))).isEmpty();
    }

    private static Snapshot snapshotOf(List<RecordedEvent> events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.eventType()));
        RecordedEvent last = events.get(events.size() - 1);
        return new Snapshot(new History(last.commitTimestamp(), last.sequence(), types, last.payload()),
                last.eventId());
    }
}
