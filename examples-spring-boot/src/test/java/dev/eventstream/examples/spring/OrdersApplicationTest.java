package dev.eventstream.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.examples.spring.OrderEvent.OrderPlaced;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** The application as it starts with no eventstream property: events in memory, notifications on the in-memory bus. */
@SpringBootTest
class OrdersApplicationTest extends OrdersScenario {
    @Test
    void anOrderPlacedAndPaidIsReadBackAsItsEventsAndReachesTheReadModel() {
        anOrderPlacedAndPaidIsStoredIn(InMemoryEventPersistence.class, Duration.ofSeconds(10));
    }

    @Test
    void anOrderIsPlacedOnce() {
        orders.place("o-2", "lamp", 1);

        assertThatThrownBy(() -> orders.place("o-2", "lamp", 1)).isInstanceOf(WrongExpectedVersionException.class);
        assertThat(orders.history("o-2")).containsExactly(new OrderPlaced("lamp", 1));
    }
}
