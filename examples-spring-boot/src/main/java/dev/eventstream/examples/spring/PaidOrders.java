package dev.eventstream.examples.spring;

import dev.eventstream.api.EventStore;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.Subscription;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A read model kept from notifications: the ids of the orders paid since the application started. Subscribed when
 * the bean is made; Spring closes the subscription (this bean is {@link AutoCloseable}) before the store.
 */
@Component
public class PaidOrders implements AutoCloseable {
    private final Set<String> paid = ConcurrentHashMap.newKeySet();
    private final Subscription subscription;

    public PaidOrders(EventStore store) {
        this.subscription = store.subscribe(OrderService.AGGREGATION, this::apply);
    }

    private void apply(RecordedEvent event) {
        // Notifications arrive at least once: adding to a set is the same however often it is done.
        if (event.event() instanceof OrderEvent.OrderPaid) {
            paid.add(event.streamId());
        }
    }

    public boolean isPaid(String orderId) {
        return paid.contains(orderId);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
