package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.testkit.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

/** Writers racing on one stream, and what must hold once they are done. */
final class ConcurrentWriters {
    static final int WRITERS = 8;

    private ConcurrentWriters() {}

    /** Runs one task per writer, all released at once, and returns their results in writer order. */
    static <T> List<T> runConcurrently(IntFunction<T> task) {
        return Concurrently.runConcurrently(WRITERS, task::apply);
    }

    /** {@code count} single-event appends with {@code any()}, returning what each stored. */
    static List<RecordedEvent> appendAny(EventStream stream, int worker, int count) {
        List<RecordedEvent> mine = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            mine.add(stream.addEvent("WRITTEN", Map.of("writer", worker, "n", i)));
        }
        return mine;
    }

    static void assertEveryEventStoredOnceInOrder(EventStream stream, List<List<RecordedEvent>> written, int total) {
        List<RecordedEvent> read = stream.getEvents();
        assertThat(read).extracting(RecordedEvent::sequence).containsExactlyElementsOf(oneTo(total));
        assertThat(read).containsExactlyInAnyOrderElementsOf(written.stream().flatMap(List::stream).toList());
        written.forEach(mine -> assertThat(mine).extracting(RecordedEvent::sequence).isSorted());
    }

    static void assertExactWritersLostNothing(EventStream stream, List<ExactWriter> writers, int total) {
        List<RecordedEvent> read = stream.getEvents();
        assertThat(read).extracting(RecordedEvent::sequence).containsExactlyElementsOf(oneTo(total));
        assertThat(read).extracting(RecordedEvent::eventId)
                .containsExactlyInAnyOrderElementsOf(writers.stream().flatMap(w -> w.written.stream()).toList());
        StreamKey key = stream.key();
        List<WrongExpectedVersionException> conflicts = writers.stream().flatMap(w -> w.conflicts.stream()).toList();
        assertThat(conflicts).as("conflicts reported to writers at stale versions").isNotEmpty();
        conflicts.forEach(conflict -> {
            assertThat(conflict.stream()).isEqualTo(key);
            long expected = conflict.expected() instanceof ExpectedVersion.Exactly exactly ? exactly.version() : 0;
            assertThat(conflict.actualVersion()).as("actual version told to a writer at %d", expected)
                    .isGreaterThan(expected)
                    .isLessThanOrEqualTo(total);
        });
    }

    private static List<Long> oneTo(int total) {
        return LongStream.rangeClosed(1, total).boxed().toList();
    }

    /** A writer that appends at the version it last saw and, when told it is stale, moves to the actual one. */
    static final class ExactWriter {
        private final EventStream stream;
        final List<UUID> written = new ArrayList<>();
        final List<WrongExpectedVersionException> conflicts = new ArrayList<>();

        ExactWriter(EventStream stream) {
            this.stream = stream;
        }

        ExactWriter append(int worker, int count) {
            long version = 0;
            while (written.size() < count) {
                NewEvent event = NewEvent.of("WRITTEN", Map.of("writer", worker, "n", written.size()));
                try {
                    AppendResult result = stream.append(ExpectedVersion.exactly(version), List.of(event));
                    written.add(event.eventId());
                    version = result.version();
                } catch (WrongExpectedVersionException conflict) {
                    conflicts.add(conflict);
                    version = conflict.actualVersion();
                }
            }
            return this;
        }
    }
}
