package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.eventIds;
import static dev.eventstream.testkit.ContractSupport.newEventIds;
import static dev.eventstream.testkit.ContractSupport.oneTo;
import static dev.eventstream.testkit.ContractSupport.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected versions and whole batches: an append lands right after the version it expects, or is rejected with
 * the stream's actual version and writes none of its events; a batch of the largest size lands whole.
 */
public abstract class ExpectedVersionContract extends ContractPart {
    protected ExpectedVersionContract(EventPersistenceContract contract) {
        super(contract);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Expected versions

    @Test
    protected void noStreamCreatesTheStream() {
        // given
        EventStream stream = newStream();

        // when
        AppendResult result = stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("CREATED", Map.of())));

        // then
        assertThat(result.version()).isEqualTo(1);
        assertThat(stream.getEvents()).containsExactlyElementsOf(result.events());
    }

    @Test
    protected void noStreamOnAnExistingStreamIsRejectedWithTheActualVersion() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> existing = appendNumbered(stream, 2);

        // when / then
        assertWrongExpectedVersion(
                () -> stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("CREATED", Map.of()))),
                stream.key(), ExpectedVersion.noStream(), 2);
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
    }

    @Test
    protected void exactVersionAppendsRightAfterIt() {
        // given
        EventStream stream = newStream();
        appendNumbered(stream, 2);

        // when
        AppendResult result = stream.append(ExpectedVersion.exactly(2),
                List.of(NewEvent.of("SENT", Map.of()), NewEvent.of("DELIVERED", Map.of())));

        // then
        assertThat(sequences(result.events())).containsExactly(3L, 4L);
        assertThat(result.version()).isEqualTo(4);
        assertThat(sequences(stream.getEvents())).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    protected void staleExpectedVersionIsRejectedWithTheActualVersion() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> existing = appendNumbered(stream, 3);

        // when / then
        assertWrongExpectedVersion(
                () -> stream.append(ExpectedVersion.exactly(2), List.of(NewEvent.of("LATE", Map.of()))),
                stream.key(), ExpectedVersion.exactly(2), 3);
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
    }

    @Test
    protected void futureExpectedVersionIsRejectedWithTheActualVersion() {
        // given
        EventStream stream = newStream();
        EventStream empty = newStream();
        List<RecordedEvent> existing = appendNumbered(stream, 3);

        // when / then
        assertWrongExpectedVersion(
                () -> stream.append(ExpectedVersion.exactly(5), List.of(NewEvent.of("EARLY", Map.of()))),
                stream.key(), ExpectedVersion.exactly(5), 3);
        assertWrongExpectedVersion(
                () -> empty.append(ExpectedVersion.exactly(1), List.of(NewEvent.of("EARLY", Map.of()))),
                empty.key(), ExpectedVersion.exactly(1), 0);
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
        assertThat(empty.getEvents()).isEmpty();
    }

    @Test
    protected void expectedVersionNearTheLargestLongIsRejectedWithTheActualVersion() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> existing = appendNumbered(stream, 2);

        // when / then: a batch after such a version would end past Long.MAX_VALUE
        for (long version : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 2}) {
            assertWrongExpectedVersion(
                    () -> stream.append(ExpectedVersion.exactly(version), numberedEvents("FAR", 3)),
                    stream.key(), ExpectedVersion.exactly(version), 2);
        }
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
    }

    @Test
    protected void anyVersionAppendsAtTheEnd() {
        // given
        EventStream stream = newStream();
        EventStream empty = newStream();
        appendNumbered(stream, 2);

        // when
        AppendResult onExisting = stream.append(ExpectedVersion.any(),
                List.of(NewEvent.of("MORE", Map.of()), NewEvent.of("MORE", Map.of())));
        AppendResult onEmpty = empty.append(ExpectedVersion.any(), List.of(NewEvent.of("FIRST", Map.of())));

        // then
        assertThat(sequences(onExisting.events())).containsExactly(3L, 4L);
        assertThat(onExisting.version()).isEqualTo(4);
        assertThat(sequences(onEmpty.events())).containsExactly(1L);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Atomic batches

    @Test
    protected void batchThatConflictsWritesNoneOfItsEvents() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> existing = appendNumbered(stream, 2);

        // when / then
        assertWrongExpectedVersion(() -> stream.append(ExpectedVersion.exactly(1), numberedEvents("LOST", 3)),
                stream.key(), ExpectedVersion.exactly(1), 2);
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
    }

    @Test
    protected void fullBatchLandsWhole() {
        // given
        EventStream stream = newStream();
        List<NewEvent> batch = numberedEvents("BATCHED", Limits.MAX_EVENTS_PER_APPEND);

        // when
        AppendResult result = stream.append(ExpectedVersion.noStream(), batch);

        // then
        assertThat(result.version()).isEqualTo(Limits.MAX_EVENTS_PER_APPEND);
        List<RecordedEvent> read = stream.getEvents();
        assertThat(sequences(read)).containsExactlyElementsOf(oneTo(Limits.MAX_EVENTS_PER_APPEND));
        assertThat(eventIds(read)).containsExactlyElementsOf(newEventIds(batch));
        assertThat(read).containsExactlyElementsOf(result.events());
    }
}
