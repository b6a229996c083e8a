package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.History;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.HistoryFold;
import dev.eventstream.core.Snapshot;
import dev.eventstream.core.SnapshotPolicy;
import dev.eventstream.core.SnapshotStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code loadFromHistory()} and snapshots: how a stream's events fold into one state (top-level fields merged, the
 * later event winning; anything else replaced whole), the same state whether or not snapshots are kept, and a
 * snapshot store that keeps the latest snapshot of each stream, where a snapshot that does not match the stream
 * only costs speed. The snapshot store tests are skipped for a persistence without one.
 */
public abstract class HistoryContract extends ContractPart {
    protected HistoryContract(EventPersistenceContract contract) {
        super(contract);
    }

    @Test
    protected void historyMergesTopLevelFieldsWithTheLaterEventWinning() {
        // given
        EventStream stream = newStream();
        stream.addEvent("PLACED", json("{\"orderId\":\"o-1\",\"status\":\"placed\",\"amount\":25.5}"));
        stream.addEvent("PAID", json("{\"status\":\"paid\",\"paidWith\":\"card\"}"));
        RecordedEvent last = stream.addEvent("SENT", json("{\"status\":\"sent\",\"carrier\":\"UPS\"}"));

        // when
        History history = stream.loadFromHistory();

        // then
        assertThat(history.payload()).isEqualTo(json(
                "{\"orderId\":\"o-1\",\"status\":\"sent\",\"amount\":25.5,\"paidWith\":\"card\",\"carrier\":\"UPS\"}"));
        assertThat(history.eventTypes()).containsExactly("PLACED", "PAID", "SENT");
        assertThat(history.sequence()).isEqualTo(3);
        assertThat(history.commitTimestamp()).isEqualTo(last.commitTimestamp());
    }

    @Test
    protected void historyReplacesANestedObjectWholeRatherThanMergingIt() {
        // given
        EventStream stream = newStream();
        stream.addEvent("REGISTERED", json("{\"name\":\"Ada\",\"address\":{\"street\":\"Main St 1\",\"city\":\"Graz\"}}"));
        stream.addEvent("MOVED", json("{\"address\":{\"city\":\"Wien\"}}"));

        // when
        History history = stream.loadFromHistory();

        // then
        assertThat(history.payload()).isEqualTo(json("{\"name\":\"Ada\",\"address\":{\"city\":\"Wien\"}}"));
    }

    @Test
    protected void historyTakesANonObjectPayloadAsTheWholeValue() {
        // given
        EventStream stream = newStream();
        stream.addEvent("COUNTED", json("{\"count\":1}"));
        stream.addEvent("LISTED", json("[\"a\",\"b\"]"));

        // when
        History history = stream.loadFromHistory();

        // then
        assertThat(history.payload()).isEqualTo(json("[\"a\",\"b\"]"));
        assertThat(history.eventTypes()).containsExactly("COUNTED", "LISTED");
    }

    @Test
    protected void historyOfAStreamWithoutEventsIsEmpty() {
        // given
        EventStream stream = newStream();

        // when
        History history = stream.loadFromHistory();

        // then (the original crashed here)
        assertThat(history).isEqualTo(History.empty());
    }

    @Test
    protected void historyIsTheSameWhetherOrNotSnapshotsAreKept() {
        // given: one store that snapshots every 3 events (when the persistence keeps snapshots), one that never does
        DefaultEventStore snapshotting = DefaultEventStore.builder(persistence())
                .snapshotPolicy(SnapshotPolicy.every(3)).build();
        DefaultEventStore folding = DefaultEventStore.builder(persistence())
                .snapshotPolicy(SnapshotPolicy.NEVER).build();
        String aggregation = uniqueName("orders");
        EventStream stream = snapshotting.getEventStream(aggregation, "1");
        EventStream sameStream = folding.getEventStream(aggregation, "1");
        List<String> payloads = List.of(
                "{\"status\":\"placed\",\"lines\":{\"book\":1}}",
                "{\"status\":\"paid\",\"amount\":25.5}",
                "{\"lines\":{\"pen\":2}}",
                "[\"an\",\"array\"]",
                "{\"status\":\"restarted\"}",
                "{\"note\":\"\u00e9t\u00e9 \uD83D\uDE00\",\"empty\":{}}",
                "{\"status\":\"sent\"}");

        // when / then: load after every append, so snapshots are taken and then folded from
        for (String payload : payloads) {
            stream.addEvent("CHANGED", json(payload));
            assertThat(stream.loadFromHistory()).isEqualTo(sameStream.loadFromHistory());
            assertThat(stream.loadFromHistory()).isEqualTo(sameStream.loadFromHistory());
        }
        assertThat(stream.loadFromHistory().payload()).isEqualTo(
                json("{\"status\":\"sent\",\"note\":\"\u00e9t\u00e9 \uD83D\uDE00\",\"empty\":{}}"));
    }

    @Test
    protected void snapshotStoreKeepsTheLatestSnapshotOfEachStream() {
        // given
        SnapshotStore snapshots = requireSnapshots();
        EventStream stream = newStream();
        EventStream other = newStream();
        List<RecordedEvent> events = stream.append(ExpectedVersion.noStream(), List.of(
                NewEvent.of("PLACED", json("{\"status\":\"placed\",\"lines\":{\"book\":1}}")),
                NewEvent.of("PAID", json("{\"status\":\"paid\",\"note\":\"\u00e9 \uD83D\uDE00\"}")),
                NewEvent.of("LISTED", json("[1,2.5,\"three\",null]")))).events();
        Snapshot atTwo = snapshotAfter(events.subList(0, 2));
        Snapshot atThree = snapshotAfter(events);

        // when / then
        assertThat(snapshots.load(stream.key())).isEmpty();
        snapshots.save(stream.key(), atTwo);
        assertThat(snapshots.load(stream.key())).contains(atTwo);
        snapshots.save(stream.key(), atThree);
        assertThat(snapshots.load(stream.key())).contains(atThree);
        snapshots.save(stream.key(), atTwo);
        assertThat(snapshots.load(stream.key())).as("after saving an older snapshot").contains(atThree);
        assertThat(snapshots.load(other.key())).isEmpty();
    }

    @Test
    protected void aSnapshotThatDoesNotMatchTheStreamOnlyCostsSpeed() {
        // given: a snapshot claiming the stream's second event had another id and another state
        SnapshotStore snapshots = requireSnapshots();
        EventStream stream = newStream();
        List<RecordedEvent> events = stream.append(ExpectedVersion.noStream(), List.of(
                NewEvent.of("A", json("{\"a\":1}")), NewEvent.of("B", json("{\"b\":2}")))).events();
        snapshots.save(stream.key(), new Snapshot(new History(events.get(1).commitTimestamp(), 2,
                List.of("X", "Y"), json("{\"wrong\":true}")), UUID.randomUUID()));

        // when
        History history = stream.loadFromHistory();

        // then
        assertThat(history.eventTypes()).containsExactly("A", "B");
        assertThat(history.payload()).isEqualTo(json("{\"a\":1,\"b\":2}"));
    }

    @Test
    protected void aSnapshotPastTheEndOfTheStreamOnlyCostsSpeed() {
        // given
        SnapshotStore snapshots = requireSnapshots();
        EventStream stream = newStream();
        RecordedEvent only = stream.addEvent("A", json("{\"a\":1}"));
        snapshots.save(stream.key(), new Snapshot(new History(only.commitTimestamp(), 50, List.of("X"),
                json("{\"wrong\":true}")), UUID.randomUUID()));

        // when
        History history = stream.loadFromHistory();

        // then
        assertThat(history.sequence()).isEqualTo(1);
        assertThat(history.eventTypes()).containsExactly("A");
        assertThat(history.payload()).isEqualTo(json("{\"a\":1}"));
    }

    private SnapshotStore requireSnapshots() {
        Optional<SnapshotStore> snapshots = persistence().snapshots();
        assumeTrue(snapshots.isPresent(), "this persistence keeps no snapshots");
        return snapshots.get();
    }

    private static Snapshot snapshotAfter(List<RecordedEvent> events) {
        HistoryFold fold = new HistoryFold();
        events.forEach(fold::apply);
        return fold.snapshot().orElseThrow();
    }
}
