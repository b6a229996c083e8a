package dev.eventstream.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.NewEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventFeed;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.LeaseStore;
import dev.eventstream.testkit.FeedContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The feed contract on the in-memory adapter, plus what it documents beyond it. Every store of a test shares one
 * persistence, as processes share a durable store; its leases read a clock the test moves instead of sleeping.
 */
class InMemoryFeedTest extends FeedContract {
    private ShiftedClock clock = new ShiftedClock();

    @Override
    protected EventPersistence createPersistence() {
        clock = new ShiftedClock();
        return new InMemoryEventPersistence(clock);
    }

    @Override
    protected void letTimePass(EventPersistence persistence, Duration duration) {
        clock.shift(duration);
    }

    @Test
    void anEventIsInTheFeedWhenItsAppendReturns_andListenersHearOfIt() throws Exception {
        // given
        InMemoryEventPersistence persistence = new InMemoryEventPersistence();
        EventFeed feed = persistence.feed().orElseThrow().entries();
        AtomicInteger heard = new AtomicInteger();
        AutoCloseable listening = feed.onAdvance(heard::incrementAndGet);
        EventStream stream = new DefaultEventStore(persistence).getEventStream("orders", "1");

        // when
        stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of()),
                NewEvent.of("PAID", Map.of())));

        // then
        assertThat(feed.head()).isEqualTo(2);
        assertThat(heard).hasValue(1);
        listening.close();
        stream.addEvent("SENT", Map.of());
        assertThat(heard).hasValue(1);
        assertThat(feed.head()).isEqualTo(3);
    }

    @Test
    void anIdempotentRepeatAddsNothingToTheFeed() {
        // given
        InMemoryEventPersistence persistence = new InMemoryEventPersistence();
        DefaultEventStore store = new DefaultEventStore(persistence);
        List<NewEvent> batch = List.of(NewEvent.of("PLACED", Map.of("n", 1)));
        store.getEventStream("orders", "1").append(ExpectedVersion.noStream(), batch);

        // when
        store.getEventStream("orders", "1").append(ExpectedVersion.noStream(), batch);

        // then
        assertThat(store.readFeed(1, 10)).extracting(FeedEntry::position).containsExactly(1L);
    }

    @Test
    void leasesAreAtLeastOneSecond_andExpireByThePersistencesClock() {
        // given
        ShiftedClock own = new ShiftedClock();
        LeaseStore leases = new InMemoryEventPersistence(own).feed().orElseThrow().leases();
        leases.tryAcquire("job", "a", Duration.ofSeconds(30));

        // when
        own.shift(Duration.ofSeconds(30));

        // then
        assertThat(leases.tryAcquire("job", "b", Duration.ofSeconds(30))).isTrue();
        assertThatThrownBy(() -> leases.tryAcquire("job", "b", Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must be at least 1 second, was PT0.999S");
    }
}
