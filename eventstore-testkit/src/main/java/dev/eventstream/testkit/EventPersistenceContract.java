package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractPart.json;
import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventPersistence} must show. An adapter runs it by extending this class in its tests
 * and implementing {@link #createPersistence()}:
 *
 * <pre>{@code
 * class InMemoryEventPersistenceTest extends EventPersistenceContract {
 *     @Override
 *     protected EventPersistence createPersistence() {
 *         return new InMemoryEventPersistence();
 *     }
 * }
 * }</pre>
 *
 * <p>Most tests go through {@link DefaultEventStore}, because what users see is what counts; some call the port
 * directly where that says more. Every test writes to streams and aggregations with fresh random names, so an
 * adapter backed by one shared engine keeps tests apart, except the listing tests, which need
 * {@link #createPersistence()} to return a persistence holding no events.
 *
 * <p>Test methods are {@code protected}: an adapter that cannot meet one overrides it, without annotations, and
 * says in a comment why. The size and capability hooks ({@link #concurrentWriters()}, {@link #largePayloadBytes()},
 * {@link #detectsEventIdReuseAtAnotherPosition()} ...) have defaults that suit a real engine on a small machine.
 */
public abstract class EventPersistenceContract {
    private @Nullable EventPersistence persistence;
    private @Nullable DefaultEventStore store;

    /**
     * A new persistence for one test, called before each test (before the subclass's own {@code @BeforeEach}
     * methods) and closed after it. The listing tests need it to hold no events.
     */
    protected abstract EventPersistence createPersistence();

    /** How many threads append to one stream at once in the concurrency tests. */
    protected int concurrentWriters() {
        return 8;
    }

    /** How many appends each of the {@link #concurrentWriters()} makes; also the rounds of the version race. */
    protected int appendsPerWriter() {
        return 25;
    }

    /**
     * Payload size of the events of {@link #largeStreamEvents()}; together they must exceed the largest page the
     * storage returns in one read (DynamoDB: 1 MB per Query page), so that reading them needs several pages.
     */
    protected int largePayloadBytes() {
        return 40_000;
    }

    /** How many events of {@link #largePayloadBytes()} the stream longer than a storage page holds; at least 8. */
    protected int largeStreamEvents() {
        return 30;
    }

    /** How many small events the long stream holds. */
    protected int longStreamEvents() {
        return 250;
    }

    /**
     * Whether the adapter detects an event id already stored at another position of the stream (a documented
     * choice of each adapter; catching it costs DynamoDB a write per event). When true, such an append must not
     * store the event a second time.
     */
    protected boolean detectsEventIdReuseAtAnotherPosition() {
        return false;
    }

    @BeforeEach
    protected final void openPersistence() {
        persistence = requireNonNull(createPersistence(), "createPersistence() returned null");
        store = new DefaultEventStore(persistence);
    }

    @AfterEach
    protected final void closePersistence() {
        if (persistence != null) {
            persistence.close();
        }
    }

    /** The persistence of the running test. */
    protected final EventPersistence persistence() {
        return requireNonNull(persistence, "no test is running");
    }

    /** The store of the running test, over {@link #persistence()}, without a publisher. */
    protected final DefaultEventStore store() {
        return requireNonNull(store, "no test is running");
    }

    /** A handle on a stream no other test uses. */
    protected final EventStream newStream() {
        return store().getEventStream(uniqueName("agg"), uniqueName("stream"));
    }

    /** Sequences, order and every way of reading a stream back: {@link ReadingContract}. */
    @Nested
    class Reading extends ReadingContract {
        Reading() {
            super(EventPersistenceContract.this);
        }
    }

    /** Folding a stream into its history, with and without snapshots: {@link HistoryContract}. */
    @Nested
    class HistoryAndSnapshots extends HistoryContract {
        HistoryAndSnapshots() {
            super(EventPersistenceContract.this);
        }
    }

    /** Appends at an expected version, landing whole or not at all: {@link ExpectedVersionContract}. */
    @Nested
    class ExpectedVersions extends ExpectedVersionContract {
        ExpectedVersions() {
            super(EventPersistenceContract.this);
        }
    }

    /** Writers appending to one stream at once: {@link ConcurrencyContract}. */
    @Nested
    class Concurrency extends ConcurrencyContract {
        Concurrency() {
            super(EventPersistenceContract.this);
        }
    }

    /** Retried appends: {@link IdempotencyContract}. */
    @Nested
    class Idempotency extends IdempotencyContract {
        Idempotency() {
            super(EventPersistenceContract.this);
        }
    }

    /** Bad input, and names that must not be confused: {@link InputValidationContract}. */
    @Nested
    class InputValidation extends InputValidationContract {
        InputValidation() {
            super(EventPersistenceContract.this);
        }
    }

    /** Listing aggregations and streams: {@link ListingContract}. */
    @Nested
    class Listing extends ListingContract {
        Listing() {
            super(EventPersistenceContract.this);
        }
    }

    /** Payload fidelity and the size limits of an append: {@link PayloadContract}. */
    @Nested
    class Payloads extends PayloadContract {
        Payloads() {
            super(EventPersistenceContract.this);
        }
    }

    /** Publication tracking: {@link OutboxContract}. */
    @Nested
    class Outbox extends OutboxContract {
        Outbox() {
            super(EventPersistenceContract.this);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Payloads

    /** A payload type with the shapes users put in events. */
    record OrderPlaced(String orderId, int quantity, double total, boolean gift, List<String> items,
            Instant placedAt, Address shipTo, @Nullable String note) {}

    record Address(String street, String city) {}

    @Test
    protected void payloadReadsBackIntoTheTypeItWasWrittenFrom() {
        // given
        EventStream stream = newStream();
        OrderPlaced placed = new OrderPlaced("o-1", 3, 37.5, true, List.of("book", "pen"),
                Instant.parse("2026-05-01T10:15:30.123456789Z"), new Address("Main St 1", "Graz"), null);

        // when
        stream.addEvent("PLACED", placed);

        // then
        assertThat(stream.getEvents().get(0).payloadAs(OrderPlaced.class)).isEqualTo(placed);
        assertThat(stream.loadFromHistory().payloadAs(OrderPlaced.class)).isEqualTo(placed);
    }

    /** JSON texts of every kind a payload can be. */
    private static final List<String> PAYLOADS_OF_EVERY_KIND = List.of(
            "{\"kind\":\"object\",\"n\":1}",
            "{}",
            "[1,\"two\",{\"three\":3},[4],null,true]",
            "[]",
            "\"just a string\"",
            "\"\"",
            "42",
            "-7",
            "0",
            "9007199254740993",
            "123456789012345678901234567890",
            "3.25",
            "-0.001",
            "1.0E-7",
            "true",
            "false",
            "null",
            "\"h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \uD83D\uDE00 e\u0301\"",
            "\"line\\nbreak\\ttab\\u0001 \\\"quoted\\\" back\\\\slash \\u0000 nul\"",
            "{\"a\":{\"b\":{\"c\":{\"d\":[{\"e\":\"deep\"},[[[]]]]}}}}",
            "{\"\":\"empty key\",\"key \u2713\":\"unicode key\",\"null\":null,\"nested\":{\"empty\":{}}}");

    @Test
    protected void payloadsOfEveryJsonKindComeBackEqual() {
        // given
        EventStream stream = newStream();
        List<JsonNode> payloads = PAYLOADS_OF_EVERY_KIND.stream().map(ContractPart::json).toList();
        List<NewEvent> batch = payloads.stream().map(payload -> NewEvent.of("KIND", payload)).toList();

        // when
        AppendResult result = stream.append(ExpectedVersion.noStream(), batch);

        // then
        assertThat(result.events()).extracting(RecordedEvent::payload).containsExactlyElementsOf(payloads);
        assertThat(stream.getEvents()).extracting(RecordedEvent::payload).containsExactlyElementsOf(payloads);
    }

    @Test
    protected void callersCannotChangeStoredEventsThroughPayloadObjects() {
        // given
        EventStream stream = newStream();
        String original = "{\"status\":\"placed\",\"items\":[\"book\"]}";
        ObjectNode written = (ObjectNode) json(original);
        RecordedEvent returned = stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", written)))
                .events().get(0);
        RecordedEvent read = stream.getEvents().get(0);

        // when
        written.put("status", "changed by the writer");
        ((ArrayNode) written.get("items")).add("pen");
        ((ObjectNode) returned.payload()).put("status", "changed through the append result");
        ((ObjectNode) read.payload()).put("status", "changed by a reader");

        // then
        assertThat(stream.getEvents().get(0).payload()).isEqualTo(json(original));
        assertThat(stream.loadFromHistory().payload()).isEqualTo(json(original));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

}
