package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs the failures of one subscriber or publisher so that one that keeps failing the same way does not fill the
 * log with copies of one stack trace: a failure is logged with its stack trace when it is of another kind than the
 * previous one (another exception class, or thrown from another place), and each repeat of that kind in one line
 * that names the exception and counts the repeats. Messages and levels are the caller's. Retry loops that already
 * log one line per failure keep the stack trace at DEBUG, once per kind ({@link #debugStackTrace}). Thread-safe;
 * one instance per subscriber, publisher or loop, so that the failures of one do not hide those of another.
 */
public final class RepeatedFailureLog {
    private final Logger logger;
    private @Nullable String lastKind;
    private long repeats;

    public RepeatedFailureLog(Logger logger) {
        this.logger = requireNonNull(logger, "logger is null");
    }

    /** Logs {@code failure} at WARN with the message {@code format} and its {@code arguments} (SLF4J's form). */
    public void warn(Throwable failure, String format, Object... arguments) {
        log(Level.WARN, failure, format, arguments);
    }

    /** Logs {@code failure} at ERROR with the message {@code format} and its {@code arguments} (SLF4J's form). */
    public void error(Throwable failure, String format, Object... arguments) {
        log(Level.ERROR, failure, format, arguments);
    }

    /**
     * Logs {@code failure} with its stack trace at DEBUG when it is of another kind than the previous one, and
     * nothing for a repeat: for callers that log every failure in one line of their own at WARN.
     */
    public void debugStackTrace(Throwable failure, String format, Object... arguments) {
        requireNonNull(failure, "failure is null");
        if (logger.isDebugEnabled() && repeatOf(kind(failure)) == 0) {
            LoggingEventBuilder event = logger.atDebug().setMessage(format).setCause(failure);
            Arrays.stream(arguments).forEach(event::addArgument);
            event.log();
        }
    }

    private void log(Level level, Throwable failure, String format, Object... arguments) {
        requireNonNull(failure, "failure is null");
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        long repeat = repeatOf(kind(failure));
        LoggingEventBuilder event = logger.atLevel(level);
        Arrays.stream(arguments).forEach(event::addArgument);
        if (repeat == 0) {
            event.setMessage(format).setCause(failure).log();
        } else {
            event.setMessage(format + " ({}; repeat {} of the failure logged above with its stack trace)")
                    .addArgument(failure.toString()).addArgument(repeat).log();
        }
    }

    /** How often this kind of failure came right before, 0 when the previous one was of another kind. */
    private synchronized long repeatOf(String kind) {
        if (kind.equals(lastKind)) {
            return ++repeats;
        }
        lastKind = kind;
        repeats = 0;
        return 0;
    }

    // The class and the place it was thrown, not the message: messages often name the event at hand.
    private static String kind(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return failure.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
    }
}
