package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.EventTooLargeException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.PublicationOutbox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What an event carries besides its payload: its {@link EventMetadata} (correlation, causation, headers) and its
 * revision are stored with it and come back, unchanged, on every way of reading it (the append's result, whole and
 * paged reads, lazy reads, the outbox); an event without them reads back with none and revision 1. A retry must
 * carry the same metadata and revision to count as the same append, and metadata counts towards the event's size.
 */
public abstract class MetadataContract extends ContractPart {
    protected MetadataContract(EventPersistenceContract contract) {
        super(contract);
    }

    /** Metadata using every part: both ids, several headers, non-ASCII values, an empty value. */
    static EventMetadata fullMetadata() {
        return EventMetadata.correlatedWith("order-42")
                .withCausationId(UUID.randomUUID().toString())
                .withHeader("tenant", "acme")
                .withHeader("user.name", "Zoë Ωmega 🚀")
                .withHeader("empty", "")
                .withHeader("X-Request_Id.v2", "r-1");
    }

    @Test
    protected void metadataAndRevisionComeBackOnEveryRead() {
        // given
        EventStream stream = newStream();
        NewEvent placed = NewEvent.of("PLACED", Map.of("item", "book")).withMetadata(fullMetadata()).withRevision(3);
        NewEvent paid = NewEvent.of("PAID", Map.of("amount", 12)).withMetadata(EventMetadata.causedBy(
                RecordedEvent.of(stream.key(), 1, placed, java.time.Instant.EPOCH)));

        // when
        AppendResult appended = stream.append(ExpectedVersion.noStream(), List.of(placed, paid));

        // then
        List<RecordedEvent> returned = appended.events();
        assertCarries(returned.get(0), placed);
        assertCarries(returned.get(1), paid);
        assertThat(returned.get(1).metadata().correlationId()).isEqualTo("order-42");
        assertThat(returned.get(1).metadata().causationId()).isEqualTo(placed.eventId().toString());
        assertThat(stream.getEvents()).containsExactlyElementsOf(returned);
        assertThat(stream.readEvents().toList()).containsExactlyElementsOf(returned);
        assertThat(stream.getEvents(1, 1)).containsExactly(returned.get(1));
        assertCarries(stream.getEvents().get(0), placed);
    }

    @Test
    protected void aSingleEventAppendKeepsItsMetadataAndRevision() {
        // given
        EventStream stream = newStream();
        NewEvent event = NewEvent.of("NOTED", Map.of("n", 1)).withMetadata(fullMetadata()).withRevision(2);

        // when
        RecordedEvent returned = stream.append(ExpectedVersion.any(), List.of(event)).events().get(0);

        // then
        assertCarries(returned, event);
        assertCarries(stream.getEvents().get(0), event);
    }

    @Test
    protected void anEventWithoutMetadataReadsBackWithNoneAndRevisionOne() {
        // given
        EventStream stream = newStream();

        // when
        stream.addEvent("PLAIN", Map.of("n", 1));

        // then
        RecordedEvent read = stream.getEvents().get(0);
        assertThat(read.metadata()).isEqualTo(EventMetadata.none());
        assertThat(read.metadata().isEmpty()).isTrue();
        assertThat(read.revision()).isEqualTo(1);
    }

    @Test
    protected void metadataAtItsLimitsRoundTrips() {
        // given: the most headers, the longest names, and values filling the metadata's byte limit
        EventStream stream = newStream();
        Map<String, String> headers = new TreeMap<>();
        int nameChars = Limits.MAX_HEADER_NAME_CHARS;
        int ids = 2 * Limits.MAX_METADATA_ID_BYTES;
        int valueBytes = (Limits.MAX_METADATA_BYTES - ids) / Limits.MAX_METADATA_HEADERS - nameChars;
        for (int i = 0; i < Limits.MAX_METADATA_HEADERS; i++) {
            String name = String.format("h%03d", i) + "n".repeat(nameChars - 4);
            headers.put(name, "\"é\\".repeat(valueBytes / 4));
        }
        EventMetadata largest = new EventMetadata("c".repeat(Limits.MAX_METADATA_ID_BYTES),
                "k".repeat(Limits.MAX_METADATA_ID_BYTES), headers);
        NewEvent event = NewEvent.of("FULL", Map.of()).withMetadata(largest).withRevision(Limits.MAX_REVISION);

        // when
        stream.append(ExpectedVersion.noStream(), List.of(event));

        // then
        assertCarries(stream.getEvents().get(0), event);
    }

    @Test
    protected void retryingWithTheSameMetadataReturnsTheStoredEvent() {
        // given
        EventStream stream = newStream();
        NewEvent event = NewEvent.of("PLACED", Map.of()).withMetadata(fullMetadata()).withRevision(2);
        AppendResult first = stream.append(ExpectedVersion.noStream(), List.of(event));

        // when
        AppendResult retried = stream.append(ExpectedVersion.noStream(), List.of(event));

        // then
        assertThat(retried.events()).containsExactlyElementsOf(first.events());
        assertThat(stream.getEvents()).hasSize(1);
    }

    @Test
    protected void retryingWithOtherMetadataOrRevisionIsAConflict() {
        // given
        EventStream stream = newStream();
        NewEvent event = NewEvent.of("PLACED", Map.of()).withMetadata(fullMetadata());
        stream.append(ExpectedVersion.noStream(), List.of(event));

        // when / then
        assertThatThrownBy(() -> stream.append(ExpectedVersion.noStream(),
                List.of(event.withMetadata(fullMetadata().withHeader("tenant", "other")))))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThatThrownBy(() -> stream.append(ExpectedVersion.noStream(), List.of(event.withRevision(2))))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThat(stream.getEvents()).hasSize(1);
        assertCarries(stream.getEvents().get(0), event);
    }

    @Test
    protected void metadataCountsTowardsTheEventsSize() {
        // given: a payload that fits alone, and metadata that takes it one byte over. The metadata is large so that
        // the payload alone stays well below the limit: moto refuses items over 405,000 bytes, less than DynamoDB's
        // 409,600, and the adapters' contract runs there.
        EventStream stream = newStream();
        EventMetadata metadata = EventMetadata.correlatedWith("c-1").withHeader("padding", "p".repeat(8_000));
        long names = utf8(stream.aggregation()) + utf8(stream.streamId()) + utf8("HUGE");
        long metadataBytes = utf8(metadata.toJson());
        String blob = "x".repeat((int) (Limits.MAX_EVENT_BYTES - names - metadataBytes - 2 + 1));
        NewEvent event = NewEvent.of("HUGE", blob).withMetadata(metadata);

        // when / then
        assertThatThrownBy(() -> stream.append(ExpectedVersion.any(), List.of(event)))
                .isInstanceOfSatisfying(EventTooLargeException.class,
                        e -> assertThat(e.sizeBytes()).isEqualTo(Limits.MAX_EVENT_BYTES + 1));
        assertThat(stream.getEvents()).isEmpty();
        // and without its metadata the same event fits
        stream.append(ExpectedVersion.any(), List.of(NewEvent.of("HUGE", blob)));
        assertThat(stream.getEvents()).hasSize(1);
    }

    @Test
    protected void pendingPublicationsCarryMetadataAndRevision() {
        // given
        Optional<PublicationOutbox> outbox = persistence().enablePublicationTracking();
        assumeTrue(outbox.isPresent(), "the persistence tracks no publications");
        EventStream stream = newStream();
        NewEvent event = NewEvent.of("PLACED", Map.of("n", 1)).withMetadata(fullMetadata()).withRevision(4);

        // when
        stream.append(ExpectedVersion.noStream(), List.of(event));

        // then
        List<RecordedEvent> pending = outbox.get().pendingPublications(stream.key(), 1, 10);
        assertThat(pending).hasSize(1);
        assertCarries(pending.get(0), event);
    }

    @Test
    protected void badMetadataIsRejectedNamingWhatIsWrong() {
        assertThatThrownBy(() -> EventMetadata.none().withHeader("bad name", "v"))
                .hasMessageContaining("header name \"bad name\"");
        assertThatThrownBy(() -> EventMetadata.none().withHeader("AWS.trace", "v"))
                .hasMessageContaining("AWS.");
        assertThatThrownBy(() -> EventMetadata.none().withHeader("tab", "a\tb"))
                .hasMessageContaining("value of header tab").hasMessageContaining("control characters");
        assertThatThrownBy(() -> EventMetadata.correlatedWith(" "))
                .hasMessageContaining("correlationId");
        Map<String, String> many = new TreeMap<>();
        IntStream.range(0, Limits.MAX_METADATA_HEADERS + 1).forEach(i -> many.put("h" + i, "v"));
        assertThatThrownBy(() -> new EventMetadata(null, null, many))
                .hasMessageContaining("MAX_METADATA_HEADERS");
        assertThatThrownBy(() -> new EventMetadata(null, null, Map.of("big", "v".repeat(Limits.MAX_METADATA_BYTES))))
                .hasMessageContaining("MAX_METADATA_BYTES");
        assertThatThrownBy(() -> NewEvent.of("T", Map.of()).withRevision(0)).hasMessageContaining("revision");
    }

    private static void assertCarries(RecordedEvent read, NewEvent appended) {
        assertThat(read.eventId()).isEqualTo(appended.eventId());
        assertThat(read.revision()).isEqualTo(appended.revision());
        assertThat(read.metadata()).isEqualTo(appended.metadata());
        assertThat(read.metadata().headers()).containsExactlyEntriesOf(appended.metadata().headers());
        assertThat(read.sameContentAs(appended)).isTrue();
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
