package dev.eventstream.core;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.Subscription;
import java.util.function.Consumer;

/** Port: delivers notifications of committed events to subscribers in this process. Thread-safe. */
public interface SubscriptionSource extends AutoCloseable {

    /**
     * Calls {@code subscriber} for each event committed to a stream of {@code aggregation} from now on, in
     * per-stream sequence order, at least once. A subscriber that throws does not stop delivery to others.
     *
     * @return close it to stop delivery
     */
    Subscription subscribe(String aggregation, Consumer<RecordedEvent> subscriber);

    /**
     * Who receives the notifications of {@code aggregation}, as metrics and traces name the consumer: a queue's
     * name, say. The default is the aggregation.
     */
    default String consumer(String aggregation) {
        return aggregation;
    }

    /** Stops every subscription; the default does nothing. */
    @Override
    default void close() {}
}
