package dev.eventstream.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.core.EventPersistence;
import dev.eventstream.examples.spring.OrderEvent.OrderPaid;
import dev.eventstream.examples.spring.OrderEvent.OrderPlaced;
import dev.eventstream.testkit.Await;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;

/** What the application does whichever adapters its properties choose: its beans, and an order placed and paid. */
abstract class OrdersScenario {
    @Autowired
    OrderService orders;

    @Autowired
    PaidOrders paidOrders;

    @Autowired
    EventPersistence persistence;

    /**
     * Places and pays order o-1: its events read back, and the read model learns of the payment within {@code wait}.
     */
    void anOrderPlacedAndPaidIsStoredIn(Class<? extends EventPersistence> storage, Duration wait) {
        orders.place("o-1", "book", 2);
        orders.pay("o-1", new BigDecimal("25.50"), "EUR");

        assertThat(persistence).isInstanceOf(storage);
        assertThat(orders.history("o-1"))
                .containsExactly(new OrderPlaced("book", 2), new OrderPaid(new BigDecimal("25.50"), "EUR"));
        Await.until(wait, () -> "order o-1 is in the read model", () -> paidOrders.isPaid("o-1"));
    }
}
