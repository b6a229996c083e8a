package dev.eventstream.core;

import dev.eventstream.api.RecordedEvent;
import java.util.List;

/**
 * Port: tells the outside world about committed events. Implementations must be thread-safe.
 *
 * <p>A publisher is called after the events are durable. Its failure never fails the append: the store logs it
 * and the events stay committed.
 */
public interface EventPublisher extends AutoCloseable {

    /**
     * Publishes a notification for each of {@code events}, all of one stream, in sequence order.
     *
     * @param events never empty, consecutive sequences of one stream
     * @throws RuntimeException when a notification could not be published
     */
    void publish(List<RecordedEvent> events);

    /**
     * Where notifications go, as metrics and traces name it: a topic's name, say (never an ARN with an account
     * in it, never one name per stream). The default is the class's simple name.
     */
    default String destination() {
        return getClass().getSimpleName();
    }

    /** Releases clients and threads; the default does nothing. */
    @Override
    default void close() {}

    /** A publisher that publishes nothing: a store without one sends no notifications. */
    static EventPublisher none() {
        return NoPublisher.INSTANCE;
    }

    /** The publisher that drops every notification. */
    enum NoPublisher implements EventPublisher {
        INSTANCE;

        @Override
        public void publish(List<RecordedEvent> events) {}
    }
}
