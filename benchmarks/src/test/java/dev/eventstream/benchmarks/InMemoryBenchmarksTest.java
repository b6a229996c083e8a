package dev.eventstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.RecordedEvent;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The in-memory benchmark bodies do what their names say; a smoke pass, no timing. */
class InMemoryBenchmarksTest {
    private final InMemoryBenchmarks benchmarks = new InMemoryBenchmarks();

    @Test
    void addEventAppendsToTheThreadsOwnStream() {
        // given
        InMemoryBenchmarks.Writer writer = writerOnNewStore();

        // when
        List<RecordedEvent> appended = IntStream.range(0, 5).mapToObj(i -> benchmarks.addEvent(writer)).toList();

        // then
        assertThat(appended).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(writer.stream.getEvents()).extracting(RecordedEvent::eventId)
                .containsExactlyElementsOf(appended.stream().map(RecordedEvent::eventId).toList());
    }

    @Test
    void eachIterationAppendsToAnEmptyStore() {
        // given
        InMemoryBenchmarks.Appending appending = new InMemoryBenchmarks.Appending();
        appending.newStore();
        InMemoryBenchmarks.Writer writer = new InMemoryBenchmarks.Writer();
        writer.open(appending);
        benchmarks.addEvent(writer);

        // when
        appending.newStore();
        writer.open(appending);

        // then
        assertThat(benchmarks.addEvent(writer).sequence()).isEqualTo(1);
    }

    @Test
    void getEventsReadsTheWholeSeededStreamInOrder() {
        // given
        InMemoryBenchmarks.StoredStream stored = new InMemoryBenchmarks.StoredStream();
        stored.events = Integer.parseInt(InMemoryBenchmarks.READ_EVENTS);
        stored.seed();

        // when
        List<RecordedEvent> events = benchmarks.getEvents(stored);

        // then
        assertThat(events).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1_000).boxed().toList());
        assertThat(events).extracting(RecordedEvent::eventType).startsWith("PLACED", "PAID", "SENT", "PLACED");
    }

    private static InMemoryBenchmarks.Writer writerOnNewStore() {
        InMemoryBenchmarks.Appending appending = new InMemoryBenchmarks.Appending();
        appending.newStore();
        InMemoryBenchmarks.Writer writer = new InMemoryBenchmarks.Writer();
        writer.open(appending);
        return writer;
    }
}
