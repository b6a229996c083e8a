package dev.eventstream.testkit;

import static dev.eventstream.testkit.Concurrently.runConcurrently;
import static dev.eventstream.testkit.ContractSupport.eventIds;
import static dev.eventstream.testkit.ContractSupport.oneTo;
import static dev.eventstream.testkit.ContractSupport.sequences;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.WrongExpectedVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Writers appending to one stream at once, {@link EventPersistenceContract#concurrentWriters()} threads of
 * {@link EventPersistenceContract#appendsPerWriter()} appends each: with {@code any()} every event is kept and
 * numbered without gaps, each batch lands whole and contiguous, and of writers racing at one expected version
 * exactly one wins while the others are told the actual version.
 */
public abstract class ConcurrencyContract extends ContractPart {
    protected ConcurrencyContract(EventPersistenceContract contract) {
        super(contract);
    }

    @Test
    protected void concurrentAppendsWithAnyVersionKeepEveryEvent() {
        // given
        EventStream stream = newStream();
        int writers = concurrentWriters();
        int appends = appendsPerWriter();

        // when
        List<List<RecordedEvent>> returned = runConcurrently(writers, worker -> {
            List<RecordedEvent> mine = new ArrayList<>();
            for (int i = 0; i < appends; i++) {
                mine.add(stream.addEvent("WRITTEN", Map.of("writer", worker, "n", i)));
            }
            return mine;
        });

        // then (the original kept 13 of 21 events written at once)
        List<RecordedEvent> all = returned.stream().flatMap(List::stream).toList();
        List<RecordedEvent> read = stream.getEvents();
        assertThat(sequences(read)).containsExactlyElementsOf(oneTo((long) writers * appends));
        assertThat(eventIds(read)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(all));
        assertThat(read).containsExactlyInAnyOrderElementsOf(all);
        returned.forEach(mine -> assertThat(sequences(mine)).isSorted());
    }

    @Test
    protected void concurrentBatchesEachLandWholeAndContiguous() {
        // given
        EventStream stream = newStream();
        int writers = concurrentWriters();
        int batches = Math.max(1, appendsPerWriter() / 5);

        // when
        List<List<AppendResult>> returned = runConcurrently(writers, worker -> {
            List<AppendResult> mine = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                mine.add(stream.append(ExpectedVersion.any(), numberedEvents("BATCHED", 3)));
            }
            return mine;
        });

        // then
        List<RecordedEvent> read = stream.getEvents();
        assertThat(sequences(read)).containsExactlyElementsOf(oneTo((long) writers * batches * 3));
        returned.stream().flatMap(List::stream).forEach(result -> {
            List<RecordedEvent> events = result.events();
            long first = events.get(0).sequence();
            assertThat(sequences(events)).containsExactly(first, first + 1, first + 2);
            assertThat(read.subList((int) first - 1, (int) first + 2)).containsExactlyElementsOf(events);
        });
    }

    @Test
    protected void racingAtOneExpectedVersionLetsExactlyOneWriterWinAndTellsTheOthersTheActualVersion() {
        // given
        EventStream stream = newStream();
        int writers = concurrentWriters();
        int rounds = appendsPerWriter();
        CyclicBarrier everyoneReady = new CyclicBarrier(writers);
        record Attempt(int round, NewEvent event, @Nullable RecordedEvent won, @Nullable WrongExpectedVersionException lost) {}

        // when: in each round every writer appends at the version the previous round left
        List<List<Attempt>> attempts = runConcurrently(writers, worker -> {
            List<Attempt> mine = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                everyoneReady.await(5, TimeUnit.MINUTES);
                NewEvent event = NewEvent.of("RACED", Map.of("writer", worker, "round", round));
                try {
                    RecordedEvent won = stream.append(ExpectedVersion.exactly(round), List.of(event)).events().get(0);
                    mine.add(new Attempt(round, event, won, null));
                } catch (WrongExpectedVersionException lost) {
                    mine.add(new Attempt(round, event, null, lost));
                }
            }
            return mine;
        });

        // then
        Map<Integer, List<Attempt>> byRound = attempts.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(Attempt::round));
        List<UUID> winners = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long version = round;
            List<Attempt> inRound = byRound.get(round);
            List<Attempt> won = inRound.stream().filter(attempt -> attempt.won() != null).toList();
            assertThat(won).as("winners of the race at version %d", version).hasSize(1);
            assertThat(requireNonNull(won.get(0).won()).sequence()).isEqualTo(version + 1);
            winners.add(won.get(0).event().eventId());
            inRound.stream().filter(attempt -> attempt.won() == null).forEach(attempt -> {
                WrongExpectedVersionException lost = requireNonNull(attempt.lost());
                assertThat(lost.stream()).isEqualTo(stream.key());
                assertThat(lost.expected()).isEqualTo(ExpectedVersion.exactly(version));
                assertThat(lost.actualVersion()).as("actual version told to a loser at %d", version)
                        .isEqualTo(version + 1);
            });
        }
        List<RecordedEvent> read = stream.getEvents();
        assertThat(sequences(read)).containsExactlyElementsOf(oneTo(rounds));
        assertThat(eventIds(read)).containsExactlyElementsOf(winners);
    }
}
