package dev.eventstream.lambda;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.EventStore;
import dev.eventstream.api.NewEvent;
import dev.eventstream.core.DefaultEventStore;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primes an {@link EventStore} for AWS Lambda SnapStart: before the snapshot is taken it reads one stream nobody
 * writes (one DynamoDB Query, which loads and initializes the client's request path: marshalling, signing, the
 * HTTP client and its connection) and serializes a payload (the JSON mapper), so that a function restored from the
 * snapshot has that work done. After a restore it gives the store's lease holders new owner ids (environments
 * restored from one snapshot would share them) and reads once more: a connection pooled before the snapshot is dead
 * by then, and the SDK replaces it on this read rather than on the function's first request. It writes nothing.
 *
 * <p>Register it where the store is built, in the handler's constructor: {@code SnapStartPriming.register(store)}.
 * On a JVM without CRaC (no SnapStart, tests) registering does nothing and the store works as without it.
 */
public final class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** The stream read: an aggregation no application writes ({@code $} keeps it apart from real ones). */
    static final String AGGREGATION = "$snapstart-priming";
    static final String STREAM_ID = "priming";

    private final EventStore store;

    /** Priming for {@code store}, not registered yet: see {@link #register(EventStore)}. */
    public SnapStartPriming(EventStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Registers priming for {@code store} with the JVM's global CRaC context, which holds it strongly.
     *
     * @return the registered priming
     */
    public static SnapStartPriming register(EventStore store) {
        SnapStartPriming priming = new SnapStartPriming(store);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime("before the snapshot");
    }

    /**
     * Every environment restored from the snapshot shares the store's lease owner ids: a {@link DefaultEventStore}
     * takes new ones first ({@link DefaultEventStore#restoredFromSnapshot()}), then the connection is renewed.
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        if (store instanceof DefaultEventStore restored) {
            restored.restoredFromSnapshot();
        }
        prime("after the restore");
    }

    /**
     * One read and one serialization. A failure is logged, not thrown: priming only saves time, and a failed
     * checkpoint or restore would stop the function from starting at all.
     */
    private void prime(String when) {
        try {
            store.getEventStream(AGGREGATION, STREAM_ID).getEvents(0, 1);
            NewEvent.of("SnapStartPrimed", Map.of("amount", 1, "note", "serializer warm-up"));
        } catch (RuntimeException e) {
            LOG.warn("Priming the event store {} failed; the first request pays for it", when, e);
        }
    }
}
