package dev.eventstream.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Json;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.EventPersistenceContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract, plus what the in-memory persistence documents beyond it. */
class InMemoryEventPersistenceTest extends EventPersistenceContract {
    @Override
    protected EventPersistence createPersistence() {
        return new InMemoryEventPersistence();
    }

    @Test
    void commitTimestampComesFromTheGivenClock() {
        // given
        Instant now = Instant.parse("2026-05-01T10:15:30.123456789Z");
        EventStream stream = storeWith(Clock.fixed(now, ZoneOffset.UTC)).getEventStream("orders", "1");

        // when
        RecordedEvent added = stream.addEvent("PLACED", Map.of());

        // then
        assertThat(added.commitTimestamp()).isEqualTo(now);
        assertThat(stream.getEvents().get(0).commitTimestamp()).isEqualTo(now);
    }

    @Test
    void commitTimestampStaysPutWhenTheClockStepsBack() {
        // given
        SteppingClock clock = new SteppingClock(Instant.parse("2026-05-01T10:00:00Z"));
        DefaultEventStore store = storeWith(clock);
        EventStream stream = store.getEventStream("orders", "1");
        EventStream other = store.getEventStream("orders", "2");
        stream.addEvent("PLACED", Map.of());

        // when
        clock.step(Duration.ofMinutes(-5));
        RecordedEvent afterStepBack = stream.addEvent("PAID", Map.of());
        RecordedEvent onAnotherStream = other.addEvent("PLACED", Map.of());
        clock.step(Duration.ofMinutes(10));
        RecordedEvent afterCatchingUp = stream.addEvent("SENT", Map.of());

        // then
        assertThat(afterStepBack.commitTimestamp()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
        assertThat(onAnotherStream.commitTimestamp()).isEqualTo(Instant.parse("2026-05-01T09:55:00Z"));
        assertThat(afterCatchingUp.commitTimestamp()).isEqualTo(Instant.parse("2026-05-01T10:05:00Z"));
    }

    @Test
    void eventIdReusedAtAnotherPositionIsStoredAgainAsDocumented() {
        // given
        EventStream stream = store().getEventStream("orders", "1");
        NewEvent placed = NewEvent.of("PLACED", Map.of("item", "book"));
        stream.append(ExpectedVersion.noStream(), List.of(placed));
        stream.addEvent("PAID", Map.of());

        // when: a retry with any() after an ambiguous failure
        RecordedEvent again = stream.append(ExpectedVersion.any(), List.of(placed)).events().get(0);

        // then: like the DynamoDB adapter, the store does not look for the id elsewhere in the stream
        assertThat(again.sequence()).isEqualTo(3);
        assertThat(stream.getEvents()).extracting(RecordedEvent::eventId)
                .containsExactly(placed.eventId(), stream.getEvents().get(1).eventId(), placed.eventId());
    }

    @Test
    void payloadComesBackInTheFormADurableStoreReadsBack() {
        // given
        EventStream stream = store().getEventStream("prices", "1");
        NewEvent priced = NewEvent.of("PRICED", Map.of("price", 1.5f));

        // when
        RecordedEvent added = stream.append(ExpectedVersion.noStream(), List.of(priced)).events().get(0);
        List<RecordedEvent> retried = stream.append(ExpectedVersion.noStream(), List.of(priced)).events();

        // then: the float became the decimal its JSON text reads back as, and a retry still matches the stored event
        assertThat(added.payload()).isEqualTo(Json.parse("{\"price\":1.5}"));
        assertThat(retried).containsExactly(added);
        assertThat(stream.getEvents()).containsExactly(added);
    }

    private static DefaultEventStore storeWith(Clock clock) {
        return new DefaultEventStore(new InMemoryEventPersistence(clock));
    }

    /** A clock a test moves by hand. */
    private static final class SteppingClock extends Clock {
        private volatile Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void step(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the store reads instants only");
        }
    }
}
