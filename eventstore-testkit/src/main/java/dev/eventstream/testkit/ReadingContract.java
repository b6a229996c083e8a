package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.eventIds;
import static dev.eventstream.testkit.ContractSupport.newEventIds;
import static dev.eventstream.testkit.ContractSupport.oneTo;
import static dev.eventstream.testkit.ContractSupport.rangeClosed;
import static dev.eventstream.testkit.ContractSupport.sequences;
import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.History;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a stream holds and how it reads back: sequences one to n in the order of the appends, streams kept apart,
 * commit timestamps that never go back, and every way of reading (whole, lazily, in pages, from a sequence), also
 * on streams longer than one page of the storage.
 */
public abstract class ReadingContract extends ContractPart {
    protected ReadingContract(EventPersistenceContract contract) {
        super(contract);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sequences and ordering

    @Test
    protected void eventsGetSequencesOneToNAndReadOldestFirst() {
        // given
        EventStream stream = newStream();
        List<String> types = List.of("PLACED", "PAID", "PACKED", "SENT", "DELIVERED");

        // when
        List<RecordedEvent> added = new ArrayList<>();
        for (String type : types) {
            added.add(stream.addEvent(type, Map.of("step", type)));
        }

        // then
        assertThat(sequences(added)).containsExactly(1L, 2L, 3L, 4L, 5L);
        List<RecordedEvent> read = stream.getEvents();
        assertThat(read).containsExactlyElementsOf(added);
        assertThat(read).extracting(RecordedEvent::eventType).containsExactlyElementsOf(types);
    }

    @Test
    protected void appendReturnsTheEventsAsStoredInTheGivenOrder() {
        // given
        EventStream stream = newStream();
        List<NewEvent> batch = List.of(
                NewEvent.of("PLACED", Map.of("item", "book")),
                NewEvent.of("PAID", Map.of("amount", 25.5)),
                NewEvent.of("SENT", Map.of("carrier", "UPS")));

        // when
        AppendResult result = stream.append(ExpectedVersion.noStream(), batch);

        // then
        assertThat(result.version()).isEqualTo(3);
        assertThat(sequences(result.events())).containsExactly(1L, 2L, 3L);
        assertThat(eventIds(result.events())).containsExactlyElementsOf(newEventIds(batch));
        assertThat(result.events()).extracting(RecordedEvent::eventType).containsExactly("PLACED", "PAID", "SENT");
        assertThat(result.events()).extracting(RecordedEvent::payload)
                .containsExactlyElementsOf(batch.stream().map(NewEvent::payload).toList());
        assertThat(result.events()).allSatisfy(event -> assertThat(event.stream()).isEqualTo(stream.key()));
        assertThat(stream.getEvents()).containsExactlyElementsOf(result.events());
    }

    @Test
    protected void aStreamWithoutEventsReadsEmpty() {
        // given
        EventStream stream = newStream();

        // when / then (the original looped forever on a page of an empty stream)
        assertThat(stream.getEvents()).isEmpty();
        assertThat(stream.readEvents()).isEmpty();
        assertThat(stream.getEvents(0, 10)).isEmpty();
        assertThat(persistence().read(stream.key(), 1, Long.MAX_VALUE)).isEmpty();
        assertThat(store().getStreams(stream.aggregation(), 0, 10)).isEmpty();
    }

    @Test
    protected void streamsOfOneAggregationKeepTheirEventsApart() {
        // given
        String aggregation = uniqueName("orders");
        EventStream first = store().getEventStream(aggregation, "1");
        EventStream second = store().getEventStream(aggregation, "2");

        // when
        RecordedEvent a1 = first.addEvent("PLACED", Map.of("order", 1));
        RecordedEvent b1 = second.addEvent("PLACED", Map.of("order", 2));
        RecordedEvent a2 = first.addEvent("PAID", Map.of("order", 1));

        // then
        assertThat(first.getEvents()).containsExactly(a1, a2);
        assertThat(second.getEvents()).containsExactly(b1);
        assertThat(b1.sequence()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Commit timestamps

    @Test
    protected void commitTimestampIsSetByTheStoreAndNeverDecreasesAlongAStream() {
        // given
        EventStream stream = newStream();

        // when
        for (int i = 0; i < 10; i++) {
            stream.addEvent("TICKED", Map.of("n", i));
        }
        stream.append(ExpectedVersion.any(), numberedEvents("BATCHED", 5));

        // then
        List<Instant> timestamps = stream.getEvents().stream().map(RecordedEvent::commitTimestamp).toList();
        assertThat(timestamps).hasSize(15).doesNotContainNull().isSortedAccordingTo(Comparator.naturalOrder());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading long streams and pages

    @Test
    protected void getEventsReturnsEveryEventOfALongStream() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> appended = appendNumbered(stream, longStreamEvents());

        // when
        List<RecordedEvent> read = stream.getEvents();

        // then
        assertThat(sequences(read)).containsExactlyElementsOf(oneTo(longStreamEvents()));
        assertThat(read).containsExactlyElementsOf(appended);
        assertThat(stream.readEvents()).containsExactlyElementsOf(appended);
    }

    @Test
    protected void streamLongerThanAStoragePageIsReadWholeAndInPages() {
        // given
        int count = largeStreamEvents();
        EventStream stream = newStream();
        List<RecordedEvent> appended = appendLarge(stream, count);
        int from = count / 4;
        int size = count / 2;

        // when / then
        assertThat(stream.getEvents()).containsExactlyElementsOf(appended);
        assertThat(stream.readEvents()).containsExactlyElementsOf(appended);
        assertThat(persistence().readLazily(stream.key(), from + 1, 3))
                .containsExactlyElementsOf(appended.subList(from, count));
        assertThat(stream.getEvents(0, count)).containsExactlyElementsOf(appended);
        assertThat(stream.getEvents(from, size)).containsExactlyElementsOf(appended.subList(from, from + size));
        assertThat(stream.getEvents(count - 3, Limits.MAX_PAGE_SIZE)).containsExactlyElementsOf(
                appended.subList(count - 3, count));
        assertThat(stream.getEvents(count, 10)).isEmpty();
        assertThat(persistence().read(stream.key(), from + 1, Long.MAX_VALUE))
                .containsExactlyElementsOf(appended.subList(from, count));
        History history = stream.loadFromHistory();
        assertThat(history.sequence()).isEqualTo(count);
        assertThat(history.payload()).isEqualTo(appended.get(count - 1).payload());
    }

    @Test
    protected void pageFromTheStartReturnsTheOldestEvents() {
        // given
        EventStream stream = newStream();
        appendNumbered(stream, 10);

        // when / then
        assertThat(sequences(stream.getEvents(0, 3))).containsExactly(1L, 2L, 3L);
        assertThat(sequences(stream.getEvents(0, 1))).containsExactly(1L);
    }

    @Test
    protected void pageEndingExactlyAtTheLastEventReturnsTheRest() {
        // given
        EventStream stream = newStream();
        appendNumbered(stream, 10);

        // when / then
        assertThat(sequences(stream.getEvents(7, 3))).containsExactly(8L, 9L, 10L);
        assertThat(sequences(stream.getEvents(9, 1))).containsExactly(10L);
        assertThat(sequences(stream.getEvents(0, 10))).containsExactlyElementsOf(oneTo(10));
    }

    @Test
    protected void pageStartingAtOrPastTheEndIsEmpty() {
        // given
        EventStream stream = newStream();
        appendNumbered(stream, 10);

        // when / then
        assertThat(stream.getEvents(10, 1)).isEmpty();
        assertThat(stream.getEvents(10, 10)).isEmpty();
        assertThat(stream.getEvents(11, 5)).isEmpty();
        assertThat(stream.getEvents(Long.MAX_VALUE, 1)).isEmpty();
    }

    @Test
    protected void limitLargerThanTheRestReturnsOnlyTheRest() {
        // given (the original returned 10 items for a page of 10 on a 3-event stream)
        EventStream stream = newStream();
        appendNumbered(stream, 3);

        // when / then
        assertThat(sequences(stream.getEvents(0, 10))).containsExactly(1L, 2L, 3L);
        assertThat(sequences(stream.getEvents(2, Limits.MAX_PAGE_SIZE))).containsExactly(3L);
    }

    @Test
    protected void consecutivePagesReadTheWholeStreamOnce() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> appended = appendNumbered(stream, 23);

        // when
        List<RecordedEvent> paged = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        for (long offset = 0; ; offset += 5) {
            List<RecordedEvent> page = stream.getEvents(offset, 5);
            if (page.isEmpty()) {
                break;
            }
            pageSizes.add(page.size());
            paged.addAll(page);
        }

        // then
        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
        assertThat(paged).containsExactlyElementsOf(appended);
    }

    @Test
    protected void readFromASequenceReturnsThatEventAndTheOnesAfterIt() {
        // given
        EventStream stream = newStream();
        appendNumbered(stream, 10);
        StreamKey key = stream.key();

        // when / then
        assertThat(sequences(persistence().read(key, 4, 3))).containsExactly(4L, 5L, 6L);
        assertThat(sequences(persistence().read(key, 4, Long.MAX_VALUE))).containsExactlyElementsOf(rangeClosed(4, 10));
        assertThat(sequences(persistence().read(key, 10, 1))).containsExactly(10L);
        assertThat(persistence().read(key, 11, Long.MAX_VALUE)).isEmpty();
        assertThat(persistence().read(StreamKey.of(stream.aggregation(), uniqueName("unknown")), 1, Long.MAX_VALUE))
                .isEmpty();
    }

    @Test
    protected void readLazilyReturnsTheEventsFromASequenceOnWhateverThePageSize() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> appended = appendNumbered(stream, 10);
        StreamKey key = stream.key();

        // when / then
        for (int pageSize : List.of(1, 3, 5, 10, 11, Limits.MAX_PAGE_SIZE)) {
            assertThat(persistence().readLazily(key, 1, pageSize)).as("page size %d", pageSize)
                    .containsExactlyElementsOf(appended);
            assertThat(persistence().readLazily(key, 4, pageSize)).as("from 4, page size %d", pageSize)
                    .containsExactlyElementsOf(appended.subList(3, 10));
        }
        assertThat(persistence().readLazily(key, 11, 5)).isEmpty();
        assertThat(persistence().readLazily(StreamKey.of(stream.aggregation(), uniqueName("unknown")), 1, 5)).isEmpty();
    }

    @Test
    protected void eachReadOfAStreamSeesTheEventsCommittedBeforeIt() {
        // given
        EventStream stream = newStream();
        RecordedEvent first = stream.addEvent("PLACED", Map.of());
        List<RecordedEvent> before = stream.readEvents().toList();

        // when
        RecordedEvent second = stream.addEvent("PAID", Map.of());

        // then
        assertThat(before).containsExactly(first);
        assertThat(stream.readEvents()).containsExactly(first, second);
        assertThat(stream.getEvents()).containsExactly(first, second);
    }

    /** Appends {@code count} events of {@link #largePayloadBytes()} each to a new stream. */
    private List<RecordedEvent> appendLarge(EventStream stream, int count) {
        int bytes = largePayloadBytes();
        List<NewEvent> events = IntStream.range(0, count)
                .mapToObj(i -> NewEvent.of("LARGE", Map.of("n", i, "blob", (i + ":") + "x".repeat(bytes))))
                .toList();
        // Keep each batch well under a DynamoDB transaction's 4 MB.
        int perBatch = Math.max(1, Math.min(Limits.MAX_EVENTS_PER_APPEND, 2_000_000 / Math.max(1, bytes)));
        return appendInBatches(stream, events, perBatch);
    }
}
