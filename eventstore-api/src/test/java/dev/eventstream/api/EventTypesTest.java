package dev.eventstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTypesTest {
    private static final StreamKey STREAM = new StreamKey("accounts", "1");

    sealed interface Shipment {}

    @EventType(value = "Shipped", revision = 3)
    record Shipped(String carrier, String tracking) implements Shipment {}

    @EventType("Delivered")
    record Delivered(String to) implements Shipment {}

    record NotAnnotated(int n) {}

    private static RecordedEvent stored(String type, int revision, String payloadJson) {
        return RecordedEvent.withPayloadJson(STREAM.aggregation(), STREAM.streamId(), 7, UUID.randomUUID(), type,
                revision, payloadJson, EventMetadata.correlatedWith("c"), Instant.EPOCH);
    }

    @Test
    void namesAndRevisionsComeFromTheAnnotations_ofEveryClassOfASealedType() {
        EventTypes types = EventTypes.builder().registerSealed(Shipment.class).build();

        NewEvent shipped = types.newEvent(new Shipped("UPS", "1Z"));

        assertThat(shipped.eventType()).isEqualTo("Shipped");
        assertThat(shipped.revision()).isEqualTo(3);
        assertThat(shipped.payloadJson()).isEqualTo("{\"carrier\":\"UPS\",\"tracking\":\"1Z\"}");
        assertThat(types.eventClass("Delivered")).contains(Delivered.class);
        assertThat(types.typeName(Delivered.class)).contains("Delivered");
    }

    @Test
    void aChainOfUpcastersRunsInOrder_andCurrentRevisionsAreNotTouched() {
        EventTypes types = EventTypes.builder().registerSealed(Shipment.class)
                .upcast("Shipped", 1, payload -> payload.put("tracking", "unknown"))
                .upcast("Shipped", 2, payload -> {
                    ObjectNode node = payload;
                    node.set("carrier", node.remove("shipper"));
                    return node;
                })
                .build();
        RecordedEvent old = stored("Shipped", 1, "{\"shipper\":\"DHL\"}");
        RecordedEvent current = stored("Shipped", 3, "{\"carrier\":\"UPS\",\"tracking\":\"1Z\"}");

        List<RecordedEvent> upcast = types.read(old);
        List<RecordedEvent> untouched = types.read(current);

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.event()).isEqualTo(new Shipped("DHL", "unknown"));
            assertThat(event.revision()).isEqualTo(3);
            assertThat(event.eventId()).isEqualTo(old.eventId());
            assertThat(event.metadata()).isEqualTo(old.metadata());
            assertThat(event.sequence()).isEqualTo(7);
        });
        assertThat(untouched).singleElement().satisfies(event -> {
            assertThat(event).isEqualTo(current);
            assertThat(event.payloadJson()).isSameAs(current.payloadJson());
        });
    }

    @Test
    void aRenameNeedsNoParse_andItsNewNamesUpcastersApply() {
        EventTypes types = EventTypes.builder().registerSealed(Shipment.class).rename("Sent", "Shipped")
                .upcast("Shipped", 2, payload -> payload.put("tracking", "-")).build();

        RecordedEvent read = types.read(stored("Sent", 2, "{\"carrier\":\"UPS\"}")).get(0);
        RecordedEvent renamedOnly = types.read(stored("Sent", 3, "{\"carrier\":\"UPS\",\"tracking\":\"x\"}")).get(0);

        assertThat(read.event()).isEqualTo(new Shipped("UPS", "-"));
        assertThat(renamedOnly.eventType()).isEqualTo("Shipped");
        assertThat(renamedOnly.payloadJson()).isEqualTo("{\"carrier\":\"UPS\",\"tracking\":\"x\"}");
    }

    @Test
    void anUpcasterThatDoesNotMoveOnIsAnErrorNamingTheEvent_asIsACycleOfRenames() {
        EventTypes standing = EventTypes.builder()
                .upcaster("Odd", 1, event -> List.of(new EventShape("Odd", 1, event.payload()))).build();
        EventTypes cycle = EventTypes.builder().rename("A", "B").rename("B", "A").build();
        RecordedEvent odd = stored("Odd", 1, "{}");

        assertThatThrownBy(() -> standing.read(odd)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(odd.eventId().toString()).hasMessageContaining("later revision");
        assertThatThrownBy(() -> cycle.read(stored("A", 1, "{}"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void aFailingUpcasterIsReportedWithoutTheEventsData() {
        EventTypes types = EventTypes.builder().upcast("T", 1, payload -> {
            throw new IllegalArgumentException("secret " + payload);
        }).build();

        assertThatThrownBy(() -> types.read(stored("T", 1, "{\"card\":\"4111\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upcaster of T revision 1").hasMessageNotContaining("4111");
    }

    @Test
    void registrationMistakesAreRejectedNamingThem() {
        assertThatThrownBy(() -> EventTypes.builder().register(NotAnnotated.class))
                .hasMessageContaining("no @EventType");
        assertThatThrownBy(() -> EventTypes.builder().register(Delivered.class).register(Shipped.class, "Delivered"))
                .hasMessageContaining("type name Delivered is given to both");
        assertThatThrownBy(() -> EventTypes.builder().register(Shipment.class, "S"))
                .hasMessageContaining("abstract");
        assertThatThrownBy(() -> EventTypes.builder().registerSealed(Shipment.class).upcast("Shipped", 3, p -> p)
                .build()).hasMessageContaining("is at revision 3");
        assertThatThrownBy(() -> EventTypes.builder().register(Delivered.class).rename("Delivered", "X").build())
                .hasMessageContaining("also renamed");
        assertThatThrownBy(() -> EventTypes.builder().upcast("T", 1, p -> p).upcast("T", 1, p -> p))
                .hasMessageContaining("registered twice");
        assertThatThrownBy(() -> EventTypes.builder().upcast("T", 1, p -> p).rename("T", "U"))
                .hasMessageContaining("never run");
        assertThatThrownBy(() -> EventTypes.none().newEvent(new NotAnnotated(1)))
                .hasMessageContaining(NotAnnotated.class.getName()).hasMessageContaining("not registered");
    }

    @Test
    void aTypedReadOfAnUnknownTypeNamesIt_unlessUntypedIsChosen() {
        RecordedEvent mystery = stored("Mystery", 1, "{\"x\":1}");

        assertThatThrownBy(() -> EventTypes.none().read(mystery).get(0).event())
                .isInstanceOf(UnknownEventTypeException.class).hasMessageContaining("Mystery");
        RecordedEvent untyped = EventTypes.builder().readUnknownTypesAsUntyped().build().read(mystery).get(0);
        assertThat(untyped.isUntyped()).isTrue();
        assertThat(untyped.event()).isEqualTo(Json.parse("{\"x\":1}"));
    }

    @Test
    void eventOfAClassNamesBothClassesWhenItIsAnother() {
        EventTypes types = EventTypes.builder().registerSealed(Shipment.class).build();
        RecordedEvent delivered = types.read(stored("Delivered", 1, "{\"to\":\"Ada\"}")).get(0);

        assertThatThrownBy(() -> delivered.event(Shipped.class)).isInstanceOf(ClassCastException.class)
                .hasMessageContaining(Delivered.class.getName()).hasMessageContaining(Shipped.class.getName());
        assertThat(delivered.event(Shipment.class)).isEqualTo(new Delivered("Ada"));
    }

    @Test
    void metadataCausedByAnEventCarriesItsCorrelation() {
        RecordedEvent cause = stored("Delivered", 1, "{}");
        RecordedEvent first = RecordedEvent.withPayloadJson("a", "1", 1, UUID.randomUUID(), "T", "{}", Instant.EPOCH);

        assertThat(EventMetadata.causedBy(cause)).isEqualTo(new EventMetadata("c", cause.eventId().toString(),
                Map.of()));
        assertThat(EventMetadata.causedBy(first).correlationId()).isEqualTo(first.eventId().toString());
        assertThat(EventMetadata.fromJson(EventMetadata.causedBy(cause).withHeader("k", "v").toJson()))
                .isEqualTo(EventMetadata.causedBy(cause).withHeader("k", "v"));
        assertThat(EventMetadata.none().toJson()).isEqualTo("{}");
    }

    @Test
    void readingTodaysEventsCopiesNothing_andAnEventReadByAnotherRegistryIsCopiedForIt() {
        EventTypes types = EventTypes.builder().registerSealed(Shipment.class).rename("Sent", "Shipped").build();
        EventTypes other = EventTypes.builder().registerSealed(Shipment.class).build();
        List<RecordedEvent> stored = List.of(stored("Delivered", 1, "{\"to\":\"Ada\"}"),
                stored("Shipped", 3, "{\"carrier\":\"UPS\",\"tracking\":\"1Z\"}"));

        List<RecordedEvent> read = types.readAll(stored);
        RecordedEvent again = other.read(stored.get(0)).get(0);

        assertThat(read).isSameAs(stored);
        assertThat(read.get(0).event()).isEqualTo(new Delivered("Ada"));
        assertThat(again).isNotSameAs(stored.get(0)).isEqualTo(stored.get(0));
        assertThat(again.event()).isEqualTo(new Delivered("Ada"));
        assertThat(types.readAll(List.of(stored("Sent", 3, "{\"carrier\":\"DHL\",\"tracking\":\"2\"}"))))
                .singleElement().satisfies(event -> assertThat(event.event()).isEqualTo(new Shipped("DHL", "2")));
    }
}
