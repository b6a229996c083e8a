package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Listing aggregations and the streams of an aggregation: each once, in {@link String#compareTo} order, paged by
 * offset and limit. These tests need {@link EventPersistenceContract#createPersistence()} to return a
 * persistence without events, and fail saying so where it does not.
 */
public abstract class ListingContract extends ContractPart {
    protected ListingContract(EventPersistenceContract contract) {
        super(contract);
    }

    @Test
    protected void aggregationsAreListedOnceEachInAscendingOrder() {
        // given
        requireEmptyPersistence();
        for (String aggregation : List.of("orders", "Accounts", "carts", "\u00e4pfel", "10", "9", "orders")) {
            store().getEventStream(aggregation, uniqueName("s")).addEvent("CREATED", Map.of());
        }

        // when
        List<String> listed = store().getAggregations(0, 100);

        // then
        assertThat(listed).containsExactly("10", "9", "Accounts", "carts", "orders", "\u00e4pfel");
    }

    @Test
    protected void aggregationsArePagedByOffsetAndLimit() {
        // given
        requireEmptyPersistence();
        for (String aggregation : List.of("d", "b", "e", "a", "c")) {
            store().getEventStream(aggregation, "1").addEvent("CREATED", Map.of());
        }

        // when / then
        assertThat(store().getAggregations(0, 2)).containsExactly("a", "b");
        assertThat(store().getAggregations(2, 2)).containsExactly("c", "d");
        assertThat(store().getAggregations(4, 2)).containsExactly("e");
        assertThat(store().getAggregations(1, 100)).containsExactly("b", "c", "d", "e");
        assertThat(store().getAggregations(5, 2)).isEmpty();
        assertThat(store().getAggregations(Integer.MAX_VALUE, 1)).isEmpty();
    }

    @Test
    protected void streamsOfAnAggregationAreListedInAscendingOrderAndPaged() {
        // given
        requireEmptyPersistence();
        for (String streamId : List.of("order-9", "order-10", "Order-1", "2", "b", "a")) {
            store().getEventStream("orders", streamId).addEvent("PLACED", Map.of());
            store().getEventStream("orders", streamId).addEvent("PAID", Map.of());
        }
        store().getEventStream("order", "in-a-prefix-of-orders").addEvent("PLACED", Map.of());
        store().getEventStream("orders-archive", "in-an-extension-of-orders").addEvent("PLACED", Map.of());

        // when / then
        assertThat(store().getStreams("orders", 0, 100))
                .containsExactly("2", "Order-1", "a", "b", "order-10", "order-9");
        assertThat(store().getStreams("orders", 0, 2)).containsExactly("2", "Order-1");
        assertThat(store().getStreams("orders", 2, 2)).containsExactly("a", "b");
        assertThat(store().getStreams("orders", 4, 10)).containsExactly("order-10", "order-9");
        assertThat(store().getStreams("orders", 6, 1)).isEmpty();
        assertThat(store().getStreams("orders", Integer.MAX_VALUE, 1)).isEmpty();
    }

    @Test
    protected void unknownAggregationHasNoStreams() {
        // given
        requireEmptyPersistence();
        store().getEventStream("orders", "1").addEvent("PLACED", Map.of());

        // when / then
        assertThat(store().getStreams("customers", 0, 10)).isEmpty();
        assertThat(store().getStreams("order", 0, 10)).isEmpty();
        assertThat(store().getStreams("orders1", 0, 10)).isEmpty();
    }

    @Test
    protected void emptyPersistenceListsNothing() {
        requireEmptyPersistence();
        assertThat(store().getAggregations(0, 10)).isEmpty();
        assertThat(store().getStreams("orders", 0, 10)).isEmpty();
    }

    @Test
    protected void listingFollowsStringCompareToBeyondTheBasicMultilingualPlane() {
        // given: String.compareTo puts U+1F600 (a surrogate pair, D83D DE00) before U+FF21; UTF-8 order would not
        requireEmptyPersistence();
        String fullwidthA = "\uFF21";
        String grinning = "\uD83D\uDE00";
        for (String name : List.of(fullwidthA, grinning, "z")) {
            store().getEventStream(name, "1").addEvent("CREATED", Map.of());
            store().getEventStream("names", name).addEvent("CREATED", Map.of());
        }

        // when / then
        assertThat(store().getAggregations(0, 10)).containsExactly("names", "z", grinning, fullwidthA);
        assertThat(store().getStreams("names", 0, 10)).containsExactly("z", grinning, fullwidthA);
    }

    private void requireEmptyPersistence() {
        assertThat(persistence().aggregations(0, 1))
                .as("the listing tests need createPersistence() to return a persistence without events")
                .isEmpty();
    }
}
