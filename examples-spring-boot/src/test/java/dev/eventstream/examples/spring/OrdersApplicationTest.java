package dev.eventstream.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.examples.spring.OrderEvent.OrderPaid;
import dev.eventstream.examples.spring.OrderEvent.OrderPlaced;
import dev.eventstream.testkit.Await;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The application as it starts with no eventstream property: events in memory, notifications on the in-memory bus. */
@SpringBootTest
class OrdersApplicationTest {
    @Autowired
    OrderService orders;

    @Autowired
    PaidOrders paidOrders;

    @Autowired
    EventPersistence persistence;

    @Test
    void anOrderPlacedAndPaidIsReadBackAsItsEventsAndReachesTheReadModel() {
        orders.place("o-1", "book", 2);
        orders.pay("o-1", new BigDecimal("25.50"), "EUR");

        assertThat(persistence).isInstanceOf(InMemoryEventPersistence.class);
        assertThat(orders.history("o-1"))
                .containsExactly(new OrderPlaced("book", 2), new OrderPaid(new BigDecimal("25.50"), "EUR"));
        Await.until(Duration.ofSeconds(10), () -> "order o-1 is in the read model", () -> paidOrders.isPaid("o-1"));
    }

    @Test
    void anOrderIsPlacedOnce() {
        orders.place("o-2", "lamp", 1);

        assertThatThrownBy(() -> orders.place("o-2", "lamp", 1)).isInstanceOf(WrongExpectedVersionException.class);
        assertThat(orders.history("o-2")).containsExactly(new OrderPlaced("lamp", 1));
    }
}
