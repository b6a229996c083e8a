package dev.eventstream.examples.spring;

import dev.eventstream.api.EventType;
import java.math.BigDecimal;

/** What happens to an order, stored under the names given here, whatever the classes are called later. */
public sealed interface OrderEvent {

    @EventType("OrderPlaced")
    record OrderPlaced(String item, int quantity) implements OrderEvent {}

    @EventType("OrderPaid")
    record OrderPaid(BigDecimal amount, String currency) implements OrderEvent {}
}
