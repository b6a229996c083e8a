package dev.eventstream.testkit;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Json;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One part of {@link EventPersistenceContract}, kept in a file of its own and run as a {@code @Nested} class of
 * the contract: it tests the persistence the contract opened for the running test, through the same store, and
 * asks the contract's hooks (which the adapter's subclass overrides) how large to make a test or whether the
 * adapter has a capability.
 */
public abstract class ContractPart {
    private final EventPersistenceContract contract;

    protected ContractPart(EventPersistenceContract contract) {
        this.contract = requireNonNull(contract, "contract is null");
    }

    /** The persistence of the running test. */
    protected final EventPersistence persistence() {
        return contract.persistence();
    }

    /** The store of the running test, over {@link #persistence()}, without a publisher. */
    protected final DefaultEventStore store() {
        return contract.store();
    }

    /** A handle on a stream no other test uses. */
    protected final EventStream newStream() {
        return contract.newStream();
    }

    /** The adapter's {@link EventPersistenceContract#concurrentWriters()}. */
    protected final int concurrentWriters() {
        return contract.concurrentWriters();
    }

    /** The adapter's {@link EventPersistenceContract#appendsPerWriter()}. */
    protected final int appendsPerWriter() {
        return contract.appendsPerWriter();
    }

    /** The adapter's {@link EventPersistenceContract#largePayloadBytes()}. */
    protected final int largePayloadBytes() {
        return contract.largePayloadBytes();
    }

    /** The adapter's {@link EventPersistenceContract#largeStreamEvents()}. */
    protected final int largeStreamEvents() {
        return contract.largeStreamEvents();
    }

    /** The adapter's {@link EventPersistenceContract#longStreamEvents()}. */
    protected final int longStreamEvents() {
        return contract.longStreamEvents();
    }

    /** The adapter's {@link EventPersistenceContract#detectsEventIdReuseAtAnotherPosition()}. */
    protected final boolean detectsEventIdReuseAtAnotherPosition() {
        return contract.detectsEventIdReuseAtAnotherPosition();
    }

    /** Parses JSON text into a tree. */
    protected static JsonNode json(String text) {
        return Json.parse(text);
    }

    /** {@code count} events of {@code type} with payloads {@code {"n": i}}. */
    protected static List<NewEvent> numberedEvents(String type, int count) {
        return IntStream.range(0, count).mapToObj(i -> NewEvent.of(type, Map.of("n", i))).toList();
    }

    /** Appends {@code count} numbered events to a new stream in full batches and returns them as recorded. */
    protected static List<RecordedEvent> appendNumbered(EventStream stream, int count) {
        return appendInBatches(stream, numberedEvents("NUMBERED", count), Limits.MAX_EVENTS_PER_APPEND);
    }

    /** Appends {@code events} to a new stream, {@code perBatch} at a time, and returns them as recorded. */
    protected static List<RecordedEvent> appendInBatches(EventStream stream, List<NewEvent> events, int perBatch) {
        List<RecordedEvent> recorded = new ArrayList<>();
        for (int from = 0; from < events.size(); from += perBatch) {
            List<NewEvent> batch = events.subList(from, Math.min(events.size(), from + perBatch));
            recorded.addAll(stream.append(ExpectedVersion.exactly(from), batch).events());
        }
        return recorded;
    }

    /** Asserts that {@code append} fails as a non-retryable conflict that names the stream and both versions. */
    protected static void assertWrongExpectedVersion(
            ThrowingCallable append, StreamKey stream, ExpectedVersion expected, long actualVersion) {
        assertThatThrownBy(append).isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
            assertThat(e.stream()).isEqualTo(stream);
            assertThat(e.expected()).isEqualTo(expected);
            assertThat(e.actualVersion()).as("actual version").isEqualTo(actualVersion);
            assertThat(e.isRetryable()).isFalse();
        });
    }

    /** Asserts that {@code call} fails with {@code type}, its message naming {@code argument} and {@code reason}. */
    protected static void assertRejected(
            ThrowingCallable call, Class<? extends RuntimeException> type, String argument, String reason) {
        assertThatThrownBy(call).isInstanceOf(type).hasMessageStartingWith(argument).hasMessageContaining(reason);
    }
}
