package dev.eventstream.opentelemetry;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a failure of the tracing goes instead of into the store's work: the first is logged as a warning with its
 * stack trace, the others at debug level, so that a broken exporter or propagator cannot flood the log.
 */
final class DroppedFailures {
    private static final Logger LOG = LoggerFactory.getLogger(OpenTelemetryTracing.class);

    private final AtomicBoolean warned = new AtomicBoolean();

    void drop(String step, Throwable failure) {
        try {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("Tracing failed in {}; the store goes on without it (later failures are logged at debug"
                        + " level)", step, failure);
            } else {
                LOG.debug("Tracing failed in {}", step, failure);
            }
        } catch (RuntimeException | LinkageError e) {
            // Even logging failed: nothing is left to tell it to.
        }
    }
}
