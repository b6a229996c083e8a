package dev.eventstream.core.telemetry;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One timed piece of the store's work, {@linkplain StoreTelemetry#start started} and ended once, on one thread. A
 * span to tracing, a timer to metrics.
 */
public interface Operation {
    /** Does nothing: what {@link StoreTelemetry#none()} starts. */
    Operation NONE = new Operation() {
        @Override
        public void events(int count) {}

        @Override
        public void version(long version) {}

        @Override
        public Map<String, String> context() {
            return Map.of();
        }

        @Override
        public void end(Outcome outcome, @Nullable Throwable failure) {}
    };

    /** How many events the operation appended, read, published or delivered. */
    void events(int count);

    /** The stream's version after an append, or the last sequence a read or load reached. */
    void version(long version);

    /**
     * The operation's trace context as headers to carry with what it produces ({@code traceparent}, W3C Trace
     * Context): an append stores them in its events' metadata, so that their publication, delivery and handling,
     * in whatever process, join the append's trace. Empty when nothing traces.
     */
    Map<String, String> context();

    /** Ends the operation with {@code outcome}; {@code failure} is what failed it, or null. */
    void end(Outcome outcome, @Nullable Throwable failure);

    /** Ends the operation with {@code outcome} and no failure. */
    default void end(Outcome outcome) {
        end(outcome, null);
    }
}
