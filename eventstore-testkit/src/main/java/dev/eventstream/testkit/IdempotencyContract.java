package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.eventIds;
import static dev.eventstream.testkit.ContractSupport.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStoreException;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retries: appending again events that are already stored at the expected position returns the stored records and
 * writes nothing, while other ids, other content, another order or a batch stored only in part are a conflict.
 * Whether an event id reused at another position is caught is the adapter's
 * {@link EventPersistenceContract#detectsEventIdReuseAtAnotherPosition()}.
 */
public abstract class IdempotencyContract extends ContractPart {
    private static final String FIRST_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String RETRY_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    protected IdempotencyContract(EventPersistenceContract contract) {
        super(contract);
    }

    @Test
    protected void retryingASingleEventAppendReturnsTheStoredRecordAndWritesNothing() {
        // given
        EventStream stream = newStream();
        NewEvent placed = NewEvent.of("PLACED", Map.of("item", "book", "quantity", 2, "price", 12.5));
        AppendResult first = stream.append(ExpectedVersion.noStream(), List.of(placed));

        // when
        AppendResult retried = stream.append(ExpectedVersion.noStream(), List.of(placed));

        // then
        assertThat(retried.events()).containsExactlyElementsOf(first.events());
        assertThat(first.alreadyStored()).as("the first append wrote").isFalse();
        assertThat(retried.alreadyStored()).as("the retry found its events stored").isTrue();
        assertThat(retried.version()).isEqualTo(1);
        assertThat(stream.getEvents()).containsExactlyElementsOf(first.events());
    }

    @Test
    protected void retryingABatchAtAnExactVersionReturnsTheStoredRecordsAndWritesNothing() {
        // given
        EventStream stream = newStream();
        appendNumbered(stream, 2);
        List<NewEvent> batch = numberedEvents("BATCHED", 3);
        AppendResult first = stream.append(ExpectedVersion.exactly(2), batch);

        // when
        AppendResult retried = stream.append(ExpectedVersion.exactly(2), batch);

        // then
        assertThat(retried.events()).containsExactlyElementsOf(first.events());
        assertThat(first.alreadyStored()).as("the first append wrote").isFalse();
        assertThat(retried.alreadyStored()).as("the retry found its events stored").isTrue();
        assertThat(retried.version()).isEqualTo(5);
        assertThat(sequences(stream.getEvents())).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    protected void retryAfterTheStreamMovedOnStillReturnsTheStoredRecords() {
        // given
        EventStream stream = newStream();
        List<NewEvent> batch = numberedEvents("CREATED", 2);
        AppendResult first = stream.append(ExpectedVersion.noStream(), batch);
        RecordedEvent later = stream.addEvent("CHANGED", Map.of());

        // when
        AppendResult retried = stream.append(ExpectedVersion.noStream(), batch);

        // then
        assertThat(retried.events()).containsExactlyElementsOf(first.events());
        assertThat(first.alreadyStored()).as("the first append wrote").isFalse();
        assertThat(retried.alreadyStored()).as("the retry found its events stored").isTrue();
        assertThat(retried.version()).isEqualTo(2);
        assertThat(stream.getEvents()).containsExactly(first.events().get(0), first.events().get(1), later);
    }

    @Test
    protected void aRetryInAnotherTraceIsStillTheSameAppend() {
        // given: the first attempt ran in one trace, its retry in another (a message redelivered, say)
        EventStream stream = newStream();
        UUID id = UUID.randomUUID();
        EventMetadata tenant = EventMetadata.none().withHeader("tenant", "acme");
        AppendResult first = stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of(id, "PLACED", Map.of())
                .withMetadata(tenant.withHeader("traceparent", FIRST_TRACE))));

        // when
        AppendResult retried = stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of(id, "PLACED", Map.of())
                .withMetadata(tenant.withHeader("traceparent", RETRY_TRACE))));

        // then: the stored event, with the first attempt's trace context
        assertThat(retried.alreadyStored()).isTrue();
        assertThat(retried.events()).containsExactlyElementsOf(first.events());
        assertThat(stream.getEvents()).containsExactlyElementsOf(first.events());
    }

    @Test
    protected void otherMetadataAtTheExpectedPositionIsAConflict() {
        // given
        EventStream stream = newStream();
        UUID id = UUID.randomUUID();
        stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of(id, "PLACED", Map.of())
                .withMetadata(EventMetadata.none().withHeader("tenant", "acme"))));

        // when / then
        assertWrongExpectedVersion(() -> stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of(id, "PLACED",
                Map.of()).withMetadata(EventMetadata.none().withHeader("tenant", "globex")))),
                stream.key(), ExpectedVersion.noStream(), 1);
    }

    @Test
    protected void otherEventIdsAtTheExpectedPositionAreAConflict() {
        // given
        EventStream stream = newStream();
        List<RecordedEvent> existing = stream.append(ExpectedVersion.noStream(), numberedEvents("CREATED", 1)).events();

        // when / then
        assertWrongExpectedVersion(
                () -> stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("CREATED", Map.of("n", 0)))),
                stream.key(), ExpectedVersion.noStream(), 1);
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
    }

    @Test
    protected void sameEventIdsWithOtherContentAreAConflict() {
        // given
        EventStream stream = newStream();
        UUID id = UUID.randomUUID();
        List<RecordedEvent> existing = stream.append(ExpectedVersion.noStream(),
                List.of(NewEvent.of(id, "PLACED", Map.of("quantity", 1)))).events();

        // when / then
        assertWrongExpectedVersion(
                () -> stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of(id, "PLACED", Map.of("quantity", 2)))),
                stream.key(), ExpectedVersion.noStream(), 1);
        assertWrongExpectedVersion(
                () -> stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of(id, "CANCELLED", Map.of("quantity", 1)))),
                stream.key(), ExpectedVersion.noStream(), 1);
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
    }

    @Test
    protected void sameEventIdsInAnotherOrderAreAConflict() {
        // given
        EventStream stream = newStream();
        List<NewEvent> batch = numberedEvents("CREATED", 2);
        List<RecordedEvent> existing = stream.append(ExpectedVersion.noStream(), batch).events();

        // when / then
        assertWrongExpectedVersion(
                () -> stream.append(ExpectedVersion.noStream(), List.of(batch.get(1), batch.get(0))),
                stream.key(), ExpectedVersion.noStream(), 2);
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
    }

    @Test
    protected void retryOfABatchOfWhichOnlyAPartIsStoredIsAConflictAndWritesNothing() {
        // given
        EventStream stream = newStream();
        List<NewEvent> batch = numberedEvents("CREATED", 2);
        List<RecordedEvent> existing = stream.append(ExpectedVersion.noStream(), List.of(batch.get(0))).events();

        // when / then
        assertWrongExpectedVersion(() -> stream.append(ExpectedVersion.noStream(), batch),
                stream.key(), ExpectedVersion.noStream(), 1);
        assertThat(stream.getEvents()).containsExactlyElementsOf(existing);
    }

    @Test
    protected void eventIdReusedAtAnotherPositionIsNotStoredTwice() {
        assumeTrue(detectsEventIdReuseAtAnotherPosition(),
                "this adapter documents that it does not detect an event id reused at another position");
        // given
        EventStream stream = newStream();
        NewEvent placed = NewEvent.of("PLACED", Map.of("item", "book"));
        stream.append(ExpectedVersion.noStream(), List.of(placed));
        stream.addEvent("PAID", Map.of());

        // when: rejecting the append and returning the stored record both keep the id unique
        try {
            stream.append(ExpectedVersion.any(), List.of(placed));
        } catch (EventStoreException rejected) {
            assertThat(rejected.isRetryable()).as("retryable: %s", rejected).isFalse();
        }

        // then
        assertThat(stream.getEvents()).hasSize(2);
        assertThat(eventIds(stream.getEvents())).containsOnlyOnce(placed.eventId());
    }
}
