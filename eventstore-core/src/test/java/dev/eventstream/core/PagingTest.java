package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.Json;
import dev.eventstream.api.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PagingTest {

    /** A stream of events held in a list, read a page at a time, recording each read. */
    private static final class ListedStream implements Paging.PageReader {
        final List<RecordedEvent> events;
        final List<String> reads = new ArrayList<>();

        ListedStream(int length) {
            events = LongStream.rangeClosed(1, length)
                    .mapToObj(sequence -> new RecordedEvent("orders", "1", sequence, UUID.randomUUID(), "CHANGED",
                            Json.parse("{}"), Instant.EPOCH))
                    .toList();
        }

        @Override
        public List<RecordedEvent> read(long fromSequence, int maxCount) {
            reads.add(fromSequence + "+" + maxCount);
            int from = (int) Math.min(fromSequence - 1, events.size());
            return events.subList(from, Math.min(events.size(), from + maxCount));
        }
    }

    @Test
    void readsAPageOnlyWhenTheConsumerReachesIt() {
        // given
        ListedStream stream = new ListedStream(10);

        // when
        Iterator<RecordedEvent> events = Paging.lazily(1, 3, stream).iterator();

        // then
        assertThat(stream.reads).isEmpty();
        assertThat(events.next().sequence()).isEqualTo(1);
        assertThat(stream.reads).containsExactly("1+3");
        events.next();
        events.next();
        assertThat(stream.reads).containsExactly("1+3");
        events.next();
        assertThat(stream.reads).containsExactly("1+3", "4+3");
    }

    @Test
    void readsEveryEventOnceAndStopsAfterAShortPage() {
        // given
        ListedStream stream = new ListedStream(10);

        // when
        List<RecordedEvent> read = Paging.lazily(1, 3, stream).toList();

        // then
        assertThat(read).containsExactlyElementsOf(stream.events);
        assertThat(stream.reads).containsExactly("1+3", "4+3", "7+3", "10+3");
    }

    @Test
    void streamOfWholePagesEndsOnAnEmptyRead() {
        // given
        ListedStream stream = new ListedStream(6);

        // when
        List<RecordedEvent> read = Paging.lazily(1, 3, stream).toList();

        // then
        assertThat(read).containsExactlyElementsOf(stream.events);
        assertThat(stream.reads).containsExactly("1+3", "4+3", "7+3");
    }

    @Test
    void startsAtTheGivenSequence() {
        // given
        ListedStream stream = new ListedStream(10);

        // when / then
        assertThat(Paging.lazily(8, 5, stream)).containsExactlyElementsOf(stream.events.subList(7, 10));
        assertThat(Paging.lazily(11, 5, stream)).isEmpty();
    }

    @Test
    void pagesOfTheStoragesOwnSizeAreReadFromAfterTheLastEventUntilOneSaysItIsTheLast() {
        // given: storage that returns pages of 4 events, marking the one that reaches the end
        ListedStream stream = new ListedStream(10);
        List<Long> starts = new ArrayList<>();
        Paging.PageSource source = from -> {
            starts.add(from);
            List<RecordedEvent> page = stream.read(from, 4);
            return new Paging.Page(page, from + page.size() > 10);
        };

        // when
        List<RecordedEvent> read = Paging.lazily(3, source).toList();

        // then: no read after the page marked last, though it was full
        assertThat(read).containsExactlyElementsOf(stream.events.subList(2, 10));
        assertThat(starts).containsExactly(3L, 7L);
    }

    @Test
    void anEmptyPageEndsTheReadEvenWhenNotMarkedLast() {
        // given
        List<Long> starts = new ArrayList<>();
        Paging.PageSource source = from -> {
            starts.add(from);
            return new Paging.Page(List.of(), false);
        };

        // when / then
        assertThat(Paging.lazily(1, source)).isEmpty();
        assertThat(starts).containsExactly(1L);
    }

    @Test
    void rejectsAStartBeforeTheFirstEventAndAnEmptyPage() {
        ListedStream stream = new ListedStream(1);
        assertThatThrownBy(() -> Paging.lazily(0, 5, stream))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fromSequence must be at least 1, was 0");
        assertThatThrownBy(() -> Paging.lazily(1, 0, stream))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pageSize must be at least 1, was 0");
    }
}
