package dev.eventstream.examples.spring;

import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.RecordedEvent;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Service;

/** Places and pays orders: each order is one stream of the {@value #AGGREGATION} aggregation. */
@Service
public class OrderService {
    public static final String AGGREGATION = "orders";

    private final EventStore store;

    public OrderService(EventStore store) {
        this.store = store;
    }

    /** Starts the order's stream; fails if an order with this id exists already. */
    public RecordedEvent place(String orderId, String item, int quantity) {
        return stream(orderId).append(ExpectedVersion.noStream(), List.of(new OrderEvent.OrderPlaced(item, quantity)))
                .events().get(0);
    }

    public RecordedEvent pay(String orderId, BigDecimal amount, String currency) {
        return stream(orderId).addEvent(new OrderEvent.OrderPaid(amount, currency));
    }

    /** The order's events as their records, oldest first. */
    public List<OrderEvent> history(String orderId) {
        return stream(orderId).getEvents().stream().map(event -> event.event(OrderEvent.class)).toList();
    }

    private EventStream stream(String orderId) {
        return store.getEventStream(AGGREGATION, orderId);
    }
}
