package dev.eventstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.benchmarks.OrderEvents.OrderPaid;
import dev.eventstream.benchmarks.OrderEvents.OrderPlaced;
import dev.eventstream.benchmarks.OrderEvents.OrderShipped;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The upcasting benchmark bodies read what their names say: each stored shape comes out as today's record, the
 * current-revision events untouched, and both stores of the paired reads hold the same events. A smoke pass, no
 * timing.
 */
class UpcastBenchmarksTest {
    private final UpcastBenchmarks benchmarks = new UpcastBenchmarks();

    @Test
    void everyStoredShapeIsReadAsTodaysRecord() {
        // given
        UpcastBenchmarks.Stored stored = new UpcastBenchmarks.Stored();
        stored.store();

        // when / then
        assertThat(stored.oneStep.revision()).isEqualTo(1);
        assertThat(stored.oneStep.payloadJson()).doesNotContain("currency");
        assertThat(benchmarks.upcastOneStep(stored)).isEqualTo(OrderEvents.PLACED);
        assertThat(stored.threeSteps.payloadJson()).contains("\"trackingNo\"").doesNotContain("\"service\"");
        assertThat(benchmarks.upcastThreeSteps(stored)).isEqualTo(OrderEvents.SHIPPED);
        assertThat(stored.renamed.eventType()).isEqualTo(OrderEvents.RENAMED_FROM);
        assertThat(benchmarks.rename(stored)).isEqualTo(OrderEvents.PAID);
        assertThat(benchmarks.currentRevision(stored)).isEqualTo(OrderEvents.PLACED);
        assertThat(benchmarks.decodeWithoutTypes(stored)).isEqualTo(OrderEvents.PLACED);
    }

    @Test
    void eachCallDecodesAfreshAndLeavesTheStoredEventAsText() {
        // given
        UpcastBenchmarks.Stored stored = new UpcastBenchmarks.Stored();
        stored.store();

        // when
        Object first = benchmarks.upcastOneStep(stored);
        Object second = benchmarks.upcastOneStep(stored);
        RecordedEvent current = benchmarks.currentRevisionReadOnly(stored);

        // then
        // A decode kept from an earlier call would measure a field read, not a decode.
        assertThat(second).isEqualTo(first).isNotSameAs(first);
        assertThat(current).isNotSameAs(stored.current);
        assertThat(current.payloadJson()).isSameAs(stored.current.payloadJson());
    }

    @Test
    void payloadsAreAbout200Bytes() {
        // given
        UpcastBenchmarks.Stored stored = new UpcastBenchmarks.Stored();
        stored.store();

        // when
        List<Integer> lengths = Stream.of(stored.oneStep, stored.threeSteps, stored.renamed, stored.current)
                .map(event -> event.payloadJson().length()).toList();

        // then
        assertThat(lengths).allSatisfy(length -> assertThat(length).isBetween(170, 230));
    }

    @Test
    void bothStoresReadTheSameCurrentRevisionEvents() {
        // given
        TypedReadBenchmarks.Stores stores = new TypedReadBenchmarks.Stores();
        stores.events = Integer.parseInt(TypedReadBenchmarks.EVENTS);
        stores.seed();

        // when
        List<RecordedEvent> typed = stores.typed.getEvents();
        List<RecordedEvent> untyped = stores.untyped.getEvents();
        List<Object> typedDecoded = new ArrayList<>();
        List<Object> untypedDecoded = new ArrayList<>();
        int typedCount = TypedReadBenchmarks.decodeTyped(stores.typed, typedDecoded::add);
        int untypedCount = TypedReadBenchmarks.decodeUntyped(stores.untyped, untypedDecoded::add);

        // then
        assertThat(typed).hasSize(1_000);
        assertThat(typed).extracting(RecordedEvent::eventId)
                .containsExactlyElementsOf(untyped.stream().map(RecordedEvent::eventId).toList());
        assertThat(typed).extracting(RecordedEvent::revision).containsOnly(1, 2, 4);
        assertThat(TypedReadBenchmarks.payloadChars(stores.typed))
                .isEqualTo(TypedReadBenchmarks.payloadChars(stores.untyped));
        assertThat(typedCount).isEqualTo(untypedCount).isEqualTo(1_000);
        assertThat(typedDecoded).isEqualTo(untypedDecoded);
        assertThat(typedDecoded.subList(0, 3)).containsExactly(OrderEvents.PLACED, OrderEvents.PAID,
                OrderEvents.SHIPPED);
        assertThat(typedDecoded).hasOnlyElementsOfTypes(OrderPlaced.class, OrderPaid.class, OrderShipped.class);
    }
}
