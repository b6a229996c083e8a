package dev.eventstream.testkit;

import static dev.eventstream.testkit.Concurrently.runConcurrently;
import static dev.eventstream.testkit.ContractSupport.oneTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventFeed;
import dev.eventstream.core.FeedPage;
import dev.eventstream.testkit.accounts.AccountEvent;
import dev.eventstream.testkit.accounts.AccountTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The feed itself: positions from 1, dense and increasing; every committed event exactly once, as stored; each
 * stream's events in sequence order, also under concurrent writers; the same entries however and from wherever it is
 * read; filters, with pages that move past what they leave out.
 */
public abstract class FeedReadingContract extends FeedContractPart {
    protected FeedReadingContract(FeedContract contract) {
        super(contract);
    }

    @Test
    protected void positionsStartAtOneAndAreDense_andEveryEventAppearsOnceAsStored() {
        // given
        String aggregation = unique("orders");
        List<EventStream> streams = List.of(store().getEventStream(aggregation, "1"),
                store().getEventStream(aggregation, "2"), store().getEventStream(unique("other"), "1"));
        List<RecordedEvent> appended = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (EventStream stream : streams) {
                appended.addAll(stream.append(ExpectedVersion.any(), List.of(NewEvent.of("A", Map.of("r", round)),
                        NewEvent.of("B", Map.of("r", round)))).events());
            }
        }

        // when
        awaitInFeed(ids(appended));
        List<FeedEntry> feed = store().readFeed(1, Limits.MAX_PAGE_SIZE);

        // then
        assertThat(positions(feed)).isEqualTo(oneTo(appended.size()));
        assertThat(feed).extracting(FeedEntry::event).containsExactlyInAnyOrderElementsOf(appended);
        List<RecordedEvent> stored = new ArrayList<>();
        streams.forEach(stream -> stored.addAll(stream.getEvents()));
        assertThat(feed).extracting(FeedEntry::event).containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    protected void entriesCarryTheEventsMetadataAndRevision() {
        // given
        EventStream stream = store().getEventStream(unique("orders"), "1");
        NewEvent placed = NewEvent.of("PLACED", Map.of("n", 1)).withMetadata(MetadataContract.fullMetadata())
                .withRevision(2);
        RecordedEvent appended = stream.append(ExpectedVersion.noStream(), List.of(placed)).events().get(0);

        // when
        awaitInFeed(ids(List.of(appended)));
        List<RecordedEvent> read = store().readFeed(1, FeedFilter.all()).map(FeedEntry::event)
                .filter(event -> event.eventId().equals(placed.eventId())).toList();

        // then
        assertThat(read).containsExactly(appended);
        assertThat(read.get(0).metadata()).isEqualTo(placed.metadata());
        assertThat(read.get(0).revision()).isEqualTo(2);
    }

    @Test
    protected void aTypedStoreReadsTheFeedUpcast_andFiltersOnTodaysTypeNames() {
        // given: events stored in older shapes (a revision without currency, a renamed type, a split event)
        DefaultEventStore typed = storeOver(persistence(), feedSettings(),
                builder -> builder.eventTypes(AccountTypes.registry()));
        EventStream stream = store().getEventStream(unique("accounts"), "1");
        List<RecordedEvent> stored = stream.append(ExpectedVersion.noStream(), List.of(AccountTypes.oldDeposit("5.50"),
                AccountTypes.oldFee("0.25"), AccountTypes.oldTransfer("2.00", "0.05"))).events();
        List<FeedEntry> feed = awaitInFeed(ids(stored));
        long first = feed.get(0).position();

        // when
        List<Object> read = typed.readFeed(first, Limits.MAX_PAGE_SIZE).stream()
                .filter(entry -> entry.stream().equals(stream.key())).map(entry -> entry.event().event()).toList();
        List<FeedEntry> fees = typed.readFeed(first, FeedFilter.aggregations(stream.aggregation())
                .withEventTypes("FeeCharged")).toList();

        // then
        assertThat(read).containsExactly(new AccountEvent.Deposited(new BigDecimal("5.50"), "EUR"),
                new AccountEvent.FeeCharged(new BigDecimal("0.25")), new AccountEvent.Withdrawn(new BigDecimal("2.00")),
                new AccountEvent.FeeCharged(new BigDecimal("0.05")));
        assertThat(fees).extracting(entry -> entry.event().event()).containsExactly(
                new AccountEvent.FeeCharged(new BigDecimal("0.25")),
                new AccountEvent.FeeCharged(new BigDecimal("0.05")));
        assertThat(fees).extracting(FeedEntry::position)
                .containsExactly(feed.get(1).position(), feed.get(2).position());
    }

    @Test
    protected void eachStreamsEventsAppearInSequenceOrder_underConcurrentWriters() {
        // given
        String aggregation = unique("accounts");
        int streamCount = 3;
        List<List<RecordedEvent>> written = runConcurrently(concurrentWriters(), worker -> {
            List<RecordedEvent> events = new ArrayList<>();
            for (int i = 0; i < appendsPerWriter(); i++) {
                EventStream stream = store().getEventStream(aggregation, "s" + ((worker + i) % streamCount));
                List<NewEvent> batch = i % 3 == 0
                        ? List.of(NewEvent.of("W", Map.of("w", worker, "i", i)), NewEvent.of("W", Map.of("i2", i)))
                        : List.of(NewEvent.of("W", Map.of("w", worker, "i", i)));
                events.addAll(stream.append(ExpectedVersion.any(), batch).events());
            }
            return events;
        });
        List<RecordedEvent> appended = written.stream().flatMap(List::stream).toList();

        // when
        List<FeedEntry> feed = awaitInFeed(ids(appended));

        // then
        assertThat(positions(feed)).isEqualTo(oneTo(appended.size()));
        assertThat(new HashSet<>(ids(feed.stream().map(FeedEntry::event).toList()))).hasSize(appended.size());
        Map<StreamKey, List<Long>> sequencesByStream = new LinkedHashMap<>();
        feed.forEach(entry -> sequencesByStream.computeIfAbsent(entry.stream(), key -> new ArrayList<>())
                .add(entry.event().sequence()));
        assertThat(sequencesByStream).hasSize(streamCount);
        sequencesByStream.forEach((stream, sequences) ->
                assertThat(sequences).as("sequences of %s in feed order", stream).isEqualTo(oneTo(sequences.size())));
    }

    @Test
    protected void readingFromAnyPositionYieldsTheSameEntries_inEveryForm() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> appended = append(stream, "STEP", 23);
        List<FeedEntry> all = awaitInFeed(ids(appended));

        // when / then
        for (int from = 1; from <= all.size() + 1; from++) {
            List<FeedEntry> expected = all.subList(from - 1, all.size());
            assertThat(store().readFeed(from, Limits.MAX_PAGE_SIZE)).as("list from %d", from).isEqualTo(expected);
            assertThat(store().readFeed(from, 4)).as("4 from %d", from)
                    .isEqualTo(expected.subList(0, Math.min(4, expected.size())));
            assertThat(store().readFeed(from, FeedFilter.all()).toList()).as("lazily from %d", from)
                    .isEqualTo(expected);
            assertThat(readInPages(from, 3, FeedFilter.all())).as("pages of 3 from %d", from).isEqualTo(expected);
        }
    }

    @Test
    protected void readingPastTheEndGivesNothing_andAPageThatStaysWhereItWas() {
        // given
        List<FeedEntry> all = awaitInFeed(ids(append(newStream(), "STEP", 3)));
        long end = all.get(all.size() - 1).position() + 1;

        // when
        FeedPage page = feedStorage().entries().read(end, 10, FeedFilter.all());

        // then
        assertThat(page.entries()).isEmpty();
        assertThat(page.nextPosition()).isEqualTo(end);
        assertThat(store().readFeed(end, 10)).isEmpty();
        assertThat(store().readFeed(end + 1000, FeedFilter.all())).isEmpty();
    }

    @Test
    protected void headIsTheLastPosition() {
        // given
        List<FeedEntry> all = awaitInFeed(ids(append(newStream(), "STEP", 5)));

        // when / then
        Await.until(feedLagBound(), () -> "head() reaches " + all.size(),
                () -> feedStorage().entries().head() == all.get(all.size() - 1).position());
    }

    @Test
    protected void filtersKeepTheirAggregationsAndTypes_andPagesMovePastTheEntriesLeftOut() {
        // given
        String orders = unique("orders");
        String invoices = unique("invoices");
        List<RecordedEvent> appended = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            appended.add(store().getEventStream(orders, "1").addEvent(i % 2 == 0 ? "PLACED" : "PAID", Map.of()));
            appended.add(store().getEventStream(invoices, "1").addEvent(i % 2 == 0 ? "PLACED" : "SENT", Map.of()));
        }
        appended.add(store().getEventStream(invoices, "2").addEvent("SENT", Map.of()));
        List<FeedEntry> all = awaitInFeed(ids(appended));
        List<FeedFilter> filters = List.of(FeedFilter.aggregations(orders), FeedFilter.aggregations(invoices),
                FeedFilter.all().withEventTypes("PLACED"), FeedFilter.aggregations(orders).withEventTypes("PAID"),
                FeedFilter.aggregations(orders, invoices).withEventTypes("SENT", "PAID"),
                FeedFilter.aggregations(unique("none")));

        for (FeedFilter filter : filters) {
            // when
            List<FeedEntry> paged = readInPages(1, 2, filter);
            List<FeedEntry> lazily = store().readFeed(1, filter).toList();

            // then
            List<FeedEntry> expected = all.stream()
                    .filter(entry -> filter.matches(entry.stream(), entry.event().eventType()))
                    .toList();
            assertThat(paged).as("pages with %s", filter).isEqualTo(expected);
            assertThat(lazily).as("lazily with %s", filter).isEqualTo(expected);
        }
    }

    @Test
    protected void readFeedChecksItsArguments() {
        assertThatThrownBy(() -> store().readFeed(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fromPosition");
        assertThatThrownBy(() -> store().readFeed(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> store().readFeed(1, Limits.MAX_PAGE_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> store().readFeed(0, FeedFilter.all())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fromPosition");
        assertThatThrownBy(() -> store().readFeed(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("filter");
    }

    /**
     * Reads with the port from {@code from} to the end, {@code maxEntries} positions per read, checking on the way
     * that every page covers at least one position, holds only entries it covers and that pass the filter.
     */
    private List<FeedEntry> readInPages(long from, int maxEntries, FeedFilter filter) {
        EventFeed feed = feedStorage().entries();
        List<FeedEntry> entries = new ArrayList<>();
        long next = from;
        while (true) {
            FeedPage page = feed.read(next, maxEntries, filter);
            long start = next;
            assertThat(page.nextPosition()).as("next position after a read from %d", start)
                    .isBetween(start, start + maxEntries);
            assertThat(page.entries()).allSatisfy(entry -> {
                assertThat(entry.position()).isBetween(start, page.nextPosition() - 1);
                assertThat(filter.matches(entry.stream(), entry.event().eventType())).isTrue();
            });
            entries.addAll(page.entries());
            if (page.nextPosition() == start) {
                return entries;
            }
            next = page.nextPosition();
        }
    }
}
