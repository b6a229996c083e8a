package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStoreException;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.testkit.fault.FaultyEndpoint;
import dev.eventstream.testkit.fault.FaultyEndpoint.Exchange;
import dev.eventstream.testkit.fault.FaultyEndpoint.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each append path with each fault at each of its requests in turn, on moto behind a {@link FaultyEndpoint}: the
 * path runs once without faults to count its requests, then once per request with that request faulted, each run
 * on a fresh stream and a fresh persistence (which knows nothing of the stream yet).
 *
 * <p>What users rely on is checked after every run: an append reported committed is stored, at the reported
 * positions; nothing is stored twice; a batch is stored whole or not at all; every failure is a retryable
 * {@link EventStoreUnavailableException} with no AWS type among its causes; and the persistence goes on working
 * once the fault is gone. The SDK does not retry, so each fault reaches the store; the fault after which the
 * request landed (a dropped answer) is also run with one SDK retry, whose resend then finds the write done.
 */
class DynamoDbFaultIT {
    /** Well above moto's answer times, and short, since every late answer waits it out. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(1);
    /** How often a caller of {@code exactly(v)} tries before the test gives up on it. */
    private static final int CALLER_ATTEMPTS = 5;

    private final TestEngine moto = TestEngine.moto();
    private DynamoDbConfig table;
    /** Straight to moto, never faulted: prepares streams and reads what is stored. */
    private DynamoDbEventPersistence direct;
    private FaultyEndpoint endpoint;

    static Stream<Arguments> faults() {
        return Stream.concat(
                Stream.of(Fault.values()).map(fault -> Arguments.of(fault, 0)),
                Stream.of(Arguments.of(Fault.DROP_ANSWER, 1)));
    }

    @BeforeEach
    void openTableBehindAFaultyEndpoint() throws IOException {
        endpoint = new FaultyEndpoint(moto.endpoint());
        table = moto.newTable();
        direct = new DynamoDbEventPersistence(table);
    }

    @AfterEach
    void closeAll() {
        direct.close();
        endpoint.close();
        moto.deleteTable(table.tableName());
    }

    @ParameterizedTest(name = "{0}, {1} SDK retries")
    @MethodSource("faults")
    void addEventToANewStream_isStoredOnceIfReportedCommitted(Fault fault, int sdkRetries) {
        eachRequestFaulted(fault, sdkRetries, persistence -> {
            // given: a stream of an aggregation no one wrote to
            StreamKey stream = StreamKey.of("orders-" + UUID.randomUUID(), "1");
            DefaultEventStore store = new DefaultEventStore(persistence);

            // when
            Outcome<RecordedEvent> added = attempt(() ->
                    store.getEventStream(stream.aggregation(), stream.streamId()).addEvent("PLACED", Map.of("n", 1)));

            // then
            return () -> {
                List<RecordedEvent> stored = stored(stream);
                if (added.succeeded()) {
                    assertThat(stored).containsExactly(added.value());
                } else {
                    assertThat(stored).as("an append that failed ambiguously").hasSizeLessThanOrEqualTo(1);
                }
                assertGoesOn(store, stream, stored);
            };
        });
    }

    @ParameterizedTest(name = "{0}, {1} SDK retries")
    @MethodSource("faults")
    void addEventToAnExistingStream_isStoredOnceIfReportedCommitted(Fault fault, int sdkRetries) {
        eachRequestFaulted(fault, sdkRetries, persistence -> {
            // given
            StreamKey stream = StreamKey.of("orders", UUID.randomUUID().toString());
            List<RecordedEvent> before = prepare(stream, 1);
            DefaultEventStore store = new DefaultEventStore(persistence);

            // when
            Outcome<RecordedEvent> added = attempt(() ->
                    store.getEventStream(stream.aggregation(), stream.streamId()).addEvent("PAID", Map.of("n", 2)));

            // then
            return () -> {
                List<RecordedEvent> stored = stored(stream);
                assertThat(stored).startsWith(before.toArray(RecordedEvent[]::new));
                if (added.succeeded()) {
                    assertThat(stored).hasSize(2).endsWith(added.value());
                } else {
                    assertThat(stored).as("an append that failed ambiguously").hasSizeBetween(1, 2);
                }
                assertGoesOn(store, stream, stored);
            };
        });
    }

    @ParameterizedTest(name = "{0}, {1} SDK retries")
    @MethodSource("faults")
    void anExactAppendRetriedWithTheSameEventIds_isStoredOnce(Fault fault, int sdkRetries) {
        eachRequestFaulted(fault, sdkRetries, persistence -> {
            // given
            StreamKey stream = StreamKey.of("orders", UUID.randomUUID().toString());
            List<RecordedEvent> before = prepare(stream, 2);
            List<NewEvent> events = List.of(NewEvent.of("SHIPPED", Map.of("n", 3)));

            // when
            AppendResult result =
                    appendUntilItSucceeds(persistence, stream, ExpectedVersion.exactly(2), events, () -> { });

            // then
            return () -> assertStoredOnceAfter(stream, before, events, result);
        });
    }

    @ParameterizedTest(name = "{0}, {1} SDK retries")
    @MethodSource("faults")
    void anExactBatchRetriedWithTheSameEventIds_isStoredOnceAndWhole(Fault fault, int sdkRetries) {
        eachRequestFaulted(fault, sdkRetries, persistence -> {
            // given
            StreamKey stream = StreamKey.of("orders", UUID.randomUUID().toString());
            List<RecordedEvent> before = prepare(stream, 1);
            List<NewEvent> batch = batchOfThree();

            // when
            AppendResult result =
                    appendUntilItSucceeds(persistence, stream, ExpectedVersion.exactly(1), batch, () -> { });

            // then
            return () -> assertStoredOnceAfter(stream, before, batch, result);
        });
    }

    @ParameterizedTest(name = "{0}, {1} SDK retries")
    @MethodSource("faults")
    void anExactBatchRetriedAfterReadingTheStream_isStoredOnceAndWhole(Fault fault, int sdkRetries) {
        eachRequestFaulted(fault, sdkRetries, persistence -> {
            // given: a caller that reads the stream after a failure (so the store may know the write landed)
            StreamKey stream = StreamKey.of("orders", UUID.randomUUID().toString());
            List<RecordedEvent> before = prepare(stream, 1);
            List<NewEvent> batch = batchOfThree();

            // when
            AppendResult result = appendUntilItSucceeds(persistence, stream, ExpectedVersion.exactly(1), batch,
                    () -> persistence.read(stream, 1, Long.MAX_VALUE));

            // then
            return () -> assertStoredOnceAfter(stream, before, batch, result);
        });
    }

    @ParameterizedTest(name = "{0}, {1} SDK retries")
    @MethodSource("faults")
    void aBatchAtAnyVersionOnAnExistingStream_isStoredWholeOrNotAtAll(Fault fault, int sdkRetries) {
        eachRequestFaulted(fault, sdkRetries, persistence -> {
            // given
            StreamKey stream = StreamKey.of("orders", UUID.randomUUID().toString());
            List<RecordedEvent> before = prepare(stream, 1);
            List<NewEvent> batch = batchOfThree();

            // when
            Outcome<AppendResult> appended =
                    attempt(() -> persistence.append(stream, ExpectedVersion.any(), batch));

            // then
            return () -> assertBatchWholeOrAbsent(persistence, stream, before, batch, appended);
        });
    }

    @ParameterizedTest(name = "{0}, {1} SDK retries")
    @MethodSource("faults")
    void aBatchAtAnyVersionOnANewStream_isStoredWholeOrNotAtAll(Fault fault, int sdkRetries) {
        eachRequestFaulted(fault, sdkRetries, persistence -> {
            // given: the first stream of its aggregation, whose marker joins the transaction
            StreamKey stream = StreamKey.of("orders-" + UUID.randomUUID(), "1");
            List<NewEvent> batch = batchOfThree();

            // when
            Outcome<AppendResult> appended =
                    attempt(() -> persistence.append(stream, ExpectedVersion.any(), batch));

            // then
            return () -> assertBatchWholeOrAbsent(persistence, stream, List.of(), batch, appended);
        });
    }

    /** One run of a path: given and when on {@code persistence}, returning the then, checked once faults are off. */
    @FunctionalInterface
    private interface Scenario {
        Runnable run(DynamoDbEventPersistence persistence);
    }

    /**
     * Runs {@code scenario} without faults, counting the requests its when-part sends, then once with each of them
     * in turn faulted with {@code fault}.
     */
    private void eachRequestFaulted(Fault fault, int sdkRetries, Scenario scenario) {
        DynamoDbConfig faulted = table.withEndpointUrl(endpoint.endpoint()).withMaxRetries(sdkRetries)
                .withSocketTimeout(SOCKET_TIMEOUT);
        int requests = 0;
        for (int faultedRequest = 0; faultedRequest == 0 || faultedRequest <= requests; faultedRequest++) {
            try (DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(faulted)) {
                endpoint.forget();
                if (faultedRequest > 0) {
                    endpoint.fault(faultedRequest, fault);
                }
                try {
                    Runnable then = scenario.run(persistence);
                    List<Exchange> exchanges = endpoint.exchanges();
                    endpoint.clearFaults();
                    if (faultedRequest == 0) {
                        requests = exchanges.size();
                        assertThat(requests).as("requests without faults").isPositive();
                    } else {
                        assertThat(exchanges).hasSizeGreaterThanOrEqualTo(faultedRequest);
                        assertThat(exchanges.get(faultedRequest - 1).fault()).isEqualTo(fault);
                    }
                    then.run();
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError(String.format("With %s at request %d of %s: %s", fault, faultedRequest,
                            endpoint.exchanges(), e), e);
                }
            }
        }
    }

    /** What a call did: its value, or the retryable failure it reported. */
    private record Outcome<T>(@Nullable T value, @Nullable EventStoreUnavailableException failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    /** Calls {@code call}, which must succeed or fail retryably without any AWS type among the causes. */
    private static <T> Outcome<T> attempt(Supplier<T> call) {
        try {
            return new Outcome<>(call.get(), null);
        } catch (EventStoreUnavailableException e) {
            assertRetryableWithoutAwsTypes(e);
            return new Outcome<>(null, e);
        }
    }

    /** A caller of {@code exactly(v)} who, after each failure, does {@code meanwhile} and tries the same events. */
    private static AppendResult appendUntilItSucceeds(DynamoDbEventPersistence persistence, StreamKey stream,
            ExpectedVersion expected, List<NewEvent> events, Runnable meanwhile) {
        List<EventStoreUnavailableException> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= CALLER_ATTEMPTS; attempt++) {
            Outcome<AppendResult> outcome = attempt(() -> persistence.append(stream, expected, events));
            if (outcome.succeeded()) {
                return outcome.value();
            }
            failures.add(outcome.failure());
            meanwhile.run();
        }
        throw new AssertionError("append to " + stream + " failed " + CALLER_ATTEMPTS + " times: " + failures);
    }

    private static void assertRetryableWithoutAwsTypes(EventStoreException e) {
        assertThat(e.isRetryable()).as("retryable: %s", e).isTrue();
        assertNoAwsType(e, new HashSet<>());
    }

    private static void assertNoAwsType(Throwable e, Set<Throwable> seen) {
        if (!seen.add(e)) {
            return;
        }
        assertThat(e.getClass().getName()).as("a type among the causes of the failure")
                .doesNotStartWith("software.amazon.");
        if (e.getCause() != null) {
            assertNoAwsType(e.getCause(), seen);
        }
        for (Throwable suppressed : e.getSuppressed()) {
            assertNoAwsType(suppressed, seen);
        }
    }

    private void assertStoredOnceAfter(StreamKey stream, List<RecordedEvent> before, List<NewEvent> events,
            AppendResult result) {
        List<RecordedEvent> stored = stored(stream);
        assertGapFreeAndUnique(stored);
        assertThat(stored.subList(0, before.size())).containsExactlyElementsOf(before);
        assertThat(stored.subList(before.size(), stored.size())).extracting(RecordedEvent::eventId)
                .as("the events stored after the append")
                .containsExactlyElementsOf(events.stream().map(NewEvent::eventId).toList());
        assertThat(result.events()).containsExactlyElementsOf(stored.subList(before.size(), stored.size()));
        assertThat(result.version()).isEqualTo(stored.size());
    }

    private void assertBatchWholeOrAbsent(DynamoDbEventPersistence persistence, StreamKey stream,
            List<RecordedEvent> before, List<NewEvent> batch, Outcome<AppendResult> appended) {
        List<RecordedEvent> stored = stored(stream);
        assertGapFreeAndUnique(stored);
        assertThat(stored.subList(0, before.size())).containsExactlyElementsOf(before);
        List<RecordedEvent> added = stored.subList(before.size(), stored.size());
        if (appended.succeeded()) {
            assertThat(appended.value().events()).containsExactlyElementsOf(added);
        }
        if (!added.isEmpty() || appended.succeeded()) {
            assertThat(added).extracting(RecordedEvent::eventId).as("the batch, whole")
                    .containsExactlyElementsOf(batch.stream().map(NewEvent::eventId).toList());
        }
        AppendResult next = persistence.append(stream, ExpectedVersion.any(), List.of(NewEvent.of("NEXT", Map.of())));
        List<RecordedEvent> after = stored(stream);
        assertGapFreeAndUnique(after);
        assertThat(after).hasSize(stored.size() + 1).endsWith(next.events().get(0));
        assertListed(stream);
    }

    /** The store that saw the fault appends again, right after whatever is stored, and lists the stream. */
    private void assertGoesOn(DefaultEventStore store, StreamKey stream, List<RecordedEvent> stored) {
        RecordedEvent next = store.getEventStream(stream.aggregation(), stream.streamId()).addEvent("NEXT", Map.of());
        List<RecordedEvent> after = stored(stream);
        assertGapFreeAndUnique(after);
        assertThat(after).hasSize(stored.size() + 1).endsWith(next);
        assertListed(stream);
    }

    private void assertListed(StreamKey stream) {
        assertThat(direct.aggregations(0, 1_000)).contains(stream.aggregation());
        assertThat(direct.streams(stream.aggregation(), 0, 1_000)).contains(stream.streamId());
    }

    private static void assertGapFreeAndUnique(List<RecordedEvent> stored) {
        assertThat(stored).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(stored).extracting(RecordedEvent::eventId).doesNotHaveDuplicates();
    }

    /** A stream of {@code count} events, written straight to moto. */
    private List<RecordedEvent> prepare(StreamKey stream, int count) {
        return direct.append(stream, ExpectedVersion.noStream(), IntStream.rangeClosed(1, count)
                .mapToObj(i -> NewEvent.of("EARLIER", Map.of("n", i))).toList()).events();
    }

    private List<RecordedEvent> stored(StreamKey stream) {
        return direct.read(stream, 1, Long.MAX_VALUE);
    }

    private static List<NewEvent> batchOfThree() {
        return List.of(NewEvent.of("PAID", Map.of("n", 1)), NewEvent.of("PACKED", Map.of("n", 2)),
                NewEvent.of("SHIPPED", Map.of("n", 3)));
    }
}
