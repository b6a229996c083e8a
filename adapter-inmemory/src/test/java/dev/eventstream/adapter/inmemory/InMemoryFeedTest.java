package dev.eventstream.adapter.inmemory;

import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.FeedContract;
import java.time.Duration;

/**
 * The feed contract on the in-memory adapter. Every store of a test shares one persistence, as processes share a
 * durable store; its leases read a clock the test moves instead of sleeping.
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
}
