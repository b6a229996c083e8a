package dev.eventstream.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventstream.api.StreamKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events every benchmark writes and reads: the seed's order example, as records an application would pass.
 * Each payload is about 100 bytes of JSON and each stored item about 250 bytes, so a 1 MB DynamoDB page holds
 * about 4,000 events.
 */
final class Workload {
    static final String AGGREGATION = "orders";
    /** What a plain Jackson user would write the payloads with, for the raw SDK side. */
    static final ObjectMapper RAW_MAPPER = new ObjectMapper();

    record Placed(String item, int quantity, double price, String customer, String address) {}

    record Paid(double amount, String currency, String method) {}

    record Sent(String carrier, String tracking) {}

    /** The payload of every {@code addEvent} and raw PutItem. */
    static final Placed PLACED = new Placed("book", 1, 25.50, "customer-4711", "12 Long Street, Springfield");

    /**
     * The payload of the append comparisons: a {@code java.util.Map}, as an application without its own event
     * classes passes it, whose JSON is {@value #ORDER_JSON_BYTES} bytes.
     */
    static final Map<String, Object> ORDER = order();
    static final int ORDER_JSON_BYTES = 200;

    private static final List<String> TYPES = List.of("PLACED", "PAID", "SENT");
    private static final List<Object> PAYLOADS = List.of(PLACED,
            new Paid(25.50, "EUR", "card"),
            new Sent("parcel-service", "PS-0042-7731-9001"));
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private Workload() {}

    /** A stream no other benchmark of this JVM uses. */
    static StreamKey newStream(String purpose) {
        return new StreamKey(AGGREGATION, purpose + "-" + STREAMS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The type of the event at {@code sequence} of a seeded stream: PLACED, PAID, SENT, PLACED ... */
    static String type(long sequence) {
        return TYPES.get((int) ((sequence - 1) % TYPES.size()));
    }

    /** The payload of the event at {@code sequence} of a seeded stream. */
    static Object payload(long sequence) {
        return PAYLOADS.get((int) ((sequence - 1) % PAYLOADS.size()));
    }

    private static Map<String, Object> order() {
        Map<String, Object> order = OrderFields.withoutNote();
        int withoutNote = rawJson(order).length() + ",\"note\":\"\"".length();
        order.put("note", "x".repeat(ORDER_JSON_BYTES - withoutNote));
        return Collections.unmodifiableMap(order);
    }

    static String rawJson(Object payload) {
        try {
            return RAW_MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + payload, e);
        }
    }
}
