package dev.eventstream.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Misuse of the port, logged once per kind: telemetry must not throw at its callers, and a caller's mistake on a hot
 * path must not flood the log either.
 */
final class Warnings {
    private static final Logger LOG = LoggerFactory.getLogger(MicrometerTelemetry.class);

    // Keys name a meter or an operation kind and a problem: a bounded set.
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** Logs {@code message} at WARN the first time {@code key} is given. */
    void once(String key, String message, Object... arguments) {
        try {
            if (warned.add(key)) {
                LOG.warn(message + " (logged once)", arguments);
            }
        } catch (RuntimeException e) {
            // Nothing left to tell it to: the metric is lost, the caller carries on.
        }
    }
}
