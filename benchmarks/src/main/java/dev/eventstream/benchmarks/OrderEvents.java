package dev.eventstream.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventSerializer;
import dev.eventstream.api.EventType;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The typed events of the upcasting benchmarks: three order records of about 200 bytes of JSON each (a
 * {@code BigDecimal} and a few strings), the registry that knows them with the upcasters of their older shapes, and
 * stored events in each shape. The older shapes are records too, written by the store's own serializer, as an
 * application at that revision would have stored them.
 */
final class OrderEvents {
    /** Today's shapes. */
    sealed interface OrderEvent {}

    /** Revision 2: revision 1 had no currency. One upcast step. */
    @EventType(value = "OrderPlaced", revision = 2)
    record OrderPlaced(String orderId, String customer, String item, int quantity, BigDecimal price, String currency,
            String address, String note) implements OrderEvent {}

    /** Stored as {@code PaymentReceived} until renamed; the shape did not change. */
    @EventType("OrderPaid")
    record OrderPaid(String orderId, String customer, BigDecimal amount, String currency, String method,
            String reference, String note) implements OrderEvent {}

    /**
     * Revision 4, three steps from revision 1: 1 to 2 renamed {@code trackingNo} to {@code tracking}, 2 to 3 added
     * the currency of the insured value, 3 to 4 added the service level.
     */
    @EventType(value = "OrderShipped", revision = 4)
    record OrderShipped(String orderId, String carrier, String tracking, String recipient, String address,
            BigDecimal insuredValue, String currency, String service) implements OrderEvent {}

    /** The shapes of revision 1, as they were appended then. */
    record OrderPlacedV1(String orderId, String customer, String item, int quantity, BigDecimal price, String address,
            String note) {}

    record OrderShippedV1(String orderId, String carrier, String trackingNo, String recipient, String address,
            BigDecimal insuredValue) {}

    static final String AGGREGATION = "orders";
    static final String RENAMED_FROM = "PaymentReceived";

    static final OrderPlaced PLACED = new OrderPlaced("order-2026-000471100", "customer-4711", "book", 2,
            new BigDecimal("25.50"), "EUR", "12 Long Street, Springfield", "leave at the door, ring twice");
    static final OrderPaid PAID = new OrderPaid("order-2026-000471100", "customer-4711", new BigDecimal("51.00"),
            "EUR", "card", "PAY-2026-12-03-0000471100-7731", "paid in full; receipt sent by e-mail to the customer");
    static final OrderShipped SHIPPED = new OrderShipped("order-2026-000471100", "parcel-service",
            "PS-0042-7731-9001", "Jane Doe", "12 Long Street, Springfield", new BigDecimal("51.00"), "EUR",
            "standard");

    private static final OrderPlacedV1 PLACED_V1 = new OrderPlacedV1(PLACED.orderId(), PLACED.customer(),
            PLACED.item(), PLACED.quantity(), PLACED.price(), PLACED.address(), PLACED.note());
    private static final OrderShippedV1 SHIPPED_V1 = new OrderShippedV1(SHIPPED.orderId(), SHIPPED.carrier(),
            SHIPPED.tracking(), SHIPPED.recipient(), SHIPPED.address(), SHIPPED.insuredValue());

    /** The registry of a store whose history holds every shape above: what both benchmark classes read with. */
    static final EventTypes TYPES = EventTypes.builder()
            .registerSealed(OrderEvent.class)
            .upcast(OrderPlaced.class, 1, payload -> payload.put("currency", "EUR"))
            .upcast(OrderShipped.class, 1, OrderEvents::renameTrackingNo)
            .upcast(OrderShipped.class, 2, payload -> payload.put("currency", "EUR"))
            .upcast(OrderShipped.class, 3, payload -> payload.put("service", "standard"))
            .rename(RENAMED_FROM, "OrderPaid")
            .build();

    private static final EventSerializer SERIALIZER = EventSerializer.defaults();
    private static final Instant COMMITTED = Instant.parse("2026-12-03T07:00:00Z");

    private OrderEvents() {}

    private static ObjectNode renameTrackingNo(ObjectNode payload) {
        payload.set("tracking", payload.remove("trackingNo"));
        return payload;
    }

    /** {@link OrderPlaced} as stored at revision 1: one upcast step away. */
    static RecordedEvent placedAtRevision1() {
        return stored("OrderPlaced", 1, SERIALIZER.serialize(PLACED_V1));
    }

    /** {@link OrderShipped} as stored at revision 1: three upcast steps away. */
    static RecordedEvent shippedAtRevision1() {
        return stored("OrderShipped", 1, SERIALIZER.serialize(SHIPPED_V1));
    }

    /** {@link OrderPaid} as stored under its old name: renamed, its payload as it is. */
    static RecordedEvent paidUnderOldName() {
        return stored(RENAMED_FROM, 1, SERIALIZER.serialize(PAID));
    }

    /** {@link OrderPlaced} as stored at its current revision: no upcaster applies. */
    static RecordedEvent placedAtCurrentRevision() {
        return stored("OrderPlaced", 2, SERIALIZER.serialize(PLACED));
    }

    /** {@code count} events at their current revision, cycling through the three types, as typed appends write them. */
    static List<NewEvent> currentRevisionEvents(int count) {
        List<OrderEvent> cycle = List.of(PLACED, PAID, SHIPPED);
        List<NewEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(TYPES.newEvent(cycle.get(i % cycle.size())));
        }
        return events;
    }

    /** The class an application without {@link EventTypes} reads an event of {@code eventType} into. */
    static Class<? extends OrderEvent> classOf(String eventType) {
        return switch (eventType) {
            case "OrderPlaced" -> OrderPlaced.class;
            case "OrderPaid" -> OrderPaid.class;
            case "OrderShipped" -> OrderShipped.class;
            default -> throw new IllegalArgumentException("no order event is named " + eventType);
        };
    }

    private static RecordedEvent stored(String type, int revision, String json) {
        return RecordedEvent.withPayloadJson(AGGREGATION, "order-2026-000471100", 1, UUID.randomUUID(), type,
                revision, json, EventMetadata.none(), COMMITTED);
    }
}
