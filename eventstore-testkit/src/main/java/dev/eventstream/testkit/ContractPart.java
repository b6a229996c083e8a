package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static java.util.Objects.requireNonNull;

import dev.eventstream.api.EventStream;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;

/**
 * One part of {@link EventPersistenceContract}, kept in a file of its own and run as a {@code @Nested} class of
 * the contract: it tests the persistence the contract opened for the running test, through the same store.
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
        return store().getEventStream(uniqueName("agg"), uniqueName("stream"));
    }
}
