package dev.eventstream.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.SnapshotPolicy;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an in-memory store's work shows in a registry. */
class StoreMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DefaultEventStore store = DefaultEventStore.builder(new InMemoryEventPersistence())
            .telemetry(new MicrometerTelemetry(registry)).snapshotPolicy(SnapshotPolicy.every(2)).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anAppendIsTimedCommittedAndCountsItsEvents() {
        // when
        store.getEventStream("orders", "1").append(ExpectedVersion.noStream(),
                List.of(NewEvent.of("Placed", Map.of("a", 1)), NewEvent.of("Paid", Map.of("a", 1))));

        // then
        assertThat(registry.get("eventstream.append").timer().getId().getTags())
                .containsExactly(Tag.of("outcome", "committed"));
        assertThat(registry.get("eventstream.append").tag("outcome", "committed").timer().count()).isEqualTo(1);
        assertThat(registry.get("eventstream.append.events").tag("outcome", "committed").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void anAppendAtTheWrongVersionIsAConflict() {
        // given
        EventStream stream = store.getEventStream("orders", "2");
        stream.addEvent("Placed", Map.of("a", 1));

        // when
        assertThatThrownBy(() -> stream.append(ExpectedVersion.exactly(5), List.of(NewEvent.of("Paid", Map.of()))))
                .isInstanceOf(WrongExpectedVersionException.class);

        // then
        assertThat(registry.get("eventstream.append").tag("outcome", "conflict").timer().count()).isEqualTo(1);
    }

    @Test
    void anAppendRepeatedWithTheSameEventsIsIdempotent() {
        // given
        EventStream stream = store.getEventStream("orders", "3");
        List<NewEvent> placed = List.of(NewEvent.of("Placed", Map.of("a", 1)));
        stream.append(ExpectedVersion.noStream(), placed);
        List<NewEvent> paid = List.of(NewEvent.of("Paid", Map.of("a", 2)));
        stream.append(ExpectedVersion.exactly(1), paid);

        // when
        stream.append(ExpectedVersion.noStream(), placed);
        stream.append(ExpectedVersion.exactly(1), paid);

        // then
        assertThat(registry.get("eventstream.append").tag("outcome", "committed").timer().count()).isEqualTo(2);
        assertThat(registry.get("eventstream.append").tag("outcome", "idempotent").timer().count()).isEqualTo(2);
    }

    @Test
    void readingAStreamIsTimedWithItsSource() {
        // given
        EventStream stream = store.getEventStream("orders", "4");
        stream.addEvent("Placed", Map.of("a", 1));
        stream.addEvent("Paid", Map.of("a", 1));

        // when
        stream.getEvents();

        // then
        assertThat(registry.get("eventstream.read").timer().getId().getTags())
                .containsExactly(Tag.of("outcome", "success"), Tag.of("source", "stream"));
        assertThat(registry.get("eventstream.read").timer().count()).isEqualTo(1);
        assertThat(registry.get("eventstream.read.events").tag("source", "stream").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void loadsAreTimedAndCountTheirSnapshots() {
        // given
        EventStream stream = store.getEventStream("orders", "5");
        stream.addEvent("Placed", Map.of("a", 1));
        stream.addEvent("Paid", Map.of("a", 1));

        // when
        stream.loadFromHistory();
        stream.loadFromHistory();

        // then
        assertThat(registry.get("eventstream.load").tag("outcome", "success").timer().count()).isEqualTo(2);
        assertThat(registry.get("eventstream.snapshots").tag("result", "miss").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("eventstream.snapshots").tag("result", "stored").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("eventstream.snapshots").tag("result", "hit").counter().count()).isEqualTo(1.0);
    }

    @Test
    void theSummaryShowsTheStoresWork() {
        // given
        EventStream stream = store.getEventStream("orders", "6");
        stream.addEvent("Placed", Map.of("a", 1));
        stream.getEvents();

        // when
        String summary = MetricsSummary.of(registry);

        // then
        assertThat(summary.lines()).anyMatch(line -> line.startsWith("eventstream.append ")
                && line.contains("outcome=committed") && line.contains("count=1"));
        assertThat(summary.lines()).anyMatch(line -> line.startsWith("eventstream.read ")
                && line.contains("source=stream"));
    }
}
