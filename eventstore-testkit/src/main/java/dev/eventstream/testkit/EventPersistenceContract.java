package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static java.util.Objects.requireNonNull;

import dev.eventstream.api.EventStream;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

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
 * <p>The tests live in parts, one per responsibility, each a {@link ContractPart} in a file of its own and run as a
 * {@code @Nested} class of this one (reported as, e.g., {@code EventPersistenceContract$Reading}):
 * {@link ReadingContract}, {@link HistoryContract}, {@link ExpectedVersionContract}, {@link ConcurrencyContract},
 * {@link IdempotencyContract}, {@link InputValidationContract}, {@link ListingContract}, {@link PayloadContract},
 * {@link MetadataContract}, {@link TypedEventsContract} and {@link OutboxContract}. This class opens the
 * persistence before each test of every part and closes it after; the adapter's subclass adds its own tests beside
 * the parts.
 *
 * <p>Most tests go through {@link DefaultEventStore}, because what users see is what counts; some call the port
 * directly where that says more. Every test writes to streams and aggregations with fresh random names, so an
 * adapter backed by one shared engine keeps tests apart, except the listing tests, which need
 * {@link #createPersistence()} to return a persistence holding no events.
 *
 * <p>An adapter adjusts the parts through the hooks of this class, which the parts ask through
 * {@link ContractPart}: the size hooks ({@link #concurrentWriters()}, {@link #largePayloadBytes()} ...) have
 * defaults that suit a real engine on a small machine, and a capability hook
 * ({@link #detectsEventIdReuseAtAnotherPosition()}) switches off, by an assumption, the test of a behaviour the
 * adapter documents it does not have. The tests of snapshots and publication tracking are skipped the same way
 * where {@link EventPersistence#snapshots()} or {@link EventPersistence#enablePublicationTracking()} is empty. A
 * part's test methods cannot be overridden from the adapter's subclass: a test an adapter cannot meet is switched
 * off by a hook here, with a default that keeps it on where it can be and javadoc saying why it would be off.
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

    /** A handle on a stream no other test uses; the parts get theirs here too. */
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

    /** Metadata and revisions, stored and read back with every event: {@link MetadataContract}. */
    @Nested
    class Metadata extends MetadataContract {
        Metadata() {
            super(EventPersistenceContract.this);
        }
    }

    /** Typed events, upcasting, folds, the aggregate helper and state snapshots: {@link TypedEventsContract}. */
    @Nested
    class TypedEvents extends TypedEventsContract {
        TypedEvents() {
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
}
