package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.AppendingProcess.Committed;
import dev.eventstream.adapter.dynamodb.WriterProcesses.Outcome;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.testkit.moto.MotoServer;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Writers of one stream in separate JVMs, each with its own persistence, so that only DynamoDB's conditional writes
 * keep them apart, on the moto server that serves one request at a time (whose conditions, unlike those of moto's
 * threaded server, hold under requests arriving together). Every writer appends batches of 1 and 3 events in turn.
 */
class DynamoDbWritersInSeveralProcessesIT {
    /**
     * Appends per writer: sized so that the four runs take one to two minutes on two cores (moto serves about 100
     * requests a second, fewer as the stream grows); the property scales them up to measure.
     */
    private static final int APPENDS_PER_PROCESS = Integer.getInteger("eventstream.writers.appends", 25);
    private static final StreamKey STREAM = StreamKey.of("orders", "contended-1");

    private static final TestEngine ENGINE = new TestEngine(MotoServer.oneRequestAtATime().endpoint());
    private DynamoDbConfig table;
    private DynamoDbEventPersistence persistence;

    @BeforeEach
    void createTable() {
        table = ENGINE.newTable();
        persistence = new DynamoDbEventPersistence(table);
    }

    @AfterEach
    void dropTable() {
        persistence.close();
        ENGINE.deleteTable(table.tableName());
    }

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    @ParameterizedTest(name = "{0} JVMs")
    @CsvSource({"4", "8"})
    void writersInSeveralJvmsAppendingWithAnyVersionAllCommitAndLeaveOneGapFreeSequence(int processes) {
        // when
        List<Outcome> outcomes = runWriters(processes, "any");

        // then
        assertEveryAppendCommitted(outcomes);
        assertEveryCommittedBatchStoredOnceInOrder(outcomes);
    }

    @ParameterizedTest(name = "{0} JVMs")
    @CsvSource({"4", "8"})
    void writersInSeveralJvmsAppendingAtExactVersionsAreToldEveryConflictAndLoseNothing(int processes) {
        // when
        List<Outcome> outcomes = runWriters(processes, "exact");

        // then
        assertEveryAppendCommitted(outcomes);
        assertEveryCommittedBatchStoredOnceInOrder(outcomes);
        List<long[]> conflicts = outcomes.stream().flatMap(writer -> writer.conflicts().stream()).toList();
        assertThat(conflicts).as("conflicts reported to writers at stale versions").isNotEmpty();
        assertThat(conflicts).allSatisfy(conflict -> assertThat(conflict[1])
                .as("actual version told to a writer at %d", conflict[0])
                .isGreaterThan(conflict[0]));
    }

    private List<Outcome> runWriters(int processes, String mode) {
        long started = System.nanoTime();
        List<Outcome> outcomes;
        try (WriterProcesses writers = WriterProcesses.start(processes, ENGINE.endpoint(), table.tableName(), STREAM,
                mode, APPENDS_PER_PROCESS)) {
            long ready = System.nanoTime();
            outcomes = writers.releaseAndAwait();
            report(processes, mode, outcomes, (ready - started) / 1_000_000, (System.nanoTime() - ready) / 1_000_000);
        }
        for (Outcome writer : outcomes) {
            assertThat(writer.exitCode()).as("exit code of writer %d; its output:\n%s", writer.writer(),
                    writer.output()).isZero();
        }
        return outcomes;
    }

    private static void assertEveryAppendCommitted(List<Outcome> outcomes) {
        assertThat(outcomes).flatExtracting(Outcome::gaveUp).as("appends that gave up").isEmpty();
        assertThat(outcomes).extracting(writer -> writer.committed().size()).as("appends committed per writer")
                .containsOnly(APPENDS_PER_PROCESS);
    }

    /**
     * The stream holds exactly the committed events, numbered 1..N without gaps, each id once, each batch on
     * consecutive positions in its order, and each writer's batches in the order it appended them.
     */
    private void assertEveryCommittedBatchStoredOnceInOrder(List<Outcome> outcomes) {
        List<Committed> committed = outcomes.stream().flatMap(writer -> writer.committed().stream()).toList();
        List<UUID> committedIds = committed.stream().flatMap(batch -> batch.eventIds().stream()).toList();
        List<RecordedEvent> stored = persistence.read(STREAM, 1, Long.MAX_VALUE);

        assertThat(stored).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, committedIds.size()).boxed().toList());
        assertThat(stored).extracting(RecordedEvent::eventId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(committedIds);
        for (Committed batch : committed) {
            int first = (int) batch.firstSequence() - 1;
            assertThat(stored.subList(first, first + batch.eventIds().size()))
                    .as("events at the positions writer %d was told it committed from %d", batch.writer(), first + 1)
                    .extracting(RecordedEvent::eventId)
                    .containsExactlyElementsOf(batch.eventIds());
        }
        for (Outcome writer : outcomes) {
            assertThat(writer.committed()).extracting(Committed::firstSequence)
                    .as("positions of writer %d's batches", writer.writer())
                    .isSorted();
        }
    }

    /** What each writer went through, for reading in the test output; never asserted. */
    private static void report(int processes, String mode, List<Outcome> outcomes, long startMillis,
            long runMillis) {
        System.out.printf("%d JVMs, %s: start %d ms, appends %d ms; per writer: failed writes %s, most in one"
                        + " append %s, longest append ms %s, conflicts %s, gave up %s, requests %s%n",
                processes, mode, startMillis, runMillis,
                column(outcomes, Outcome::failedWrites),
                column(outcomes, Outcome::mostFailedWritesInOneAppend),
                column(outcomes, Outcome::longestAppendMillis),
                column(outcomes, writer -> writer.conflicts().size()),
                column(outcomes, writer -> writer.gaveUp().size()),
                column(outcomes, Outcome::requests));
    }

    private static String column(List<Outcome> outcomes, java.util.function.ToLongFunction<Outcome> value) {
        return outcomes.stream().map(writer -> String.valueOf(value.applyAsLong(writer)))
                .collect(Collectors.joining(" ", "[", "]"));
    }
}
