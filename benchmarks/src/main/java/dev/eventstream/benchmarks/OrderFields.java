package dev.eventstream.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of the benchmarks' order payload but its padding note. A class of its own, loading nothing else, so
 * that the cold-start sides can build the payload without warming a mapper or the workload's records.
 */
final class OrderFields {
    private OrderFields() {}

    /** A new, modifiable map of the order's fields, in their order; the caller adds the note. */
    static Map<String, Object> withoutNote() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", "order-2026-000471100");
        order.put("customer", "customer-4711");
        order.put("item", "book");
        order.put("quantity", 2);
        order.put("price", 25.5);
        order.put("currency", "EUR");
        order.put("address", "12 Long Street, Springfield");
        order.put("gift", false);
        return order;
    }
}
