package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.SharedAttempt;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table checks of a persistence with {@code createTable=false}, off the constructor's path: a start then sends
 * no request, which is what an AWS Lambda function's cold start needs. The checks run once on a daemon thread of
 * their own from construction; the first append waits for them before it writes, so no event is ever committed to
 * a table that does not fit (an events table without the stream the feed is indexed from would leave the event out
 * of the feed and its notification unsent). A failed check fails that append with the check's own message, naming
 * the table, and is tried again by the next one. Once the checks pass, the background work (the feed's indexer)
 * starts on the same thread, when the first append has returned or {@link #BACKGROUND_DELAY} has passed, whichever
 * comes first, so that it does not compete with the first append for the CPU or the connection.
 */
final class TablePreparation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TablePreparation.class);
    /** Longest a process that does not append waits before its background work starts. */
    static final Duration BACKGROUND_DELAY = Duration.ofSeconds(1);

    private final Consumer<String> background;
    private final Duration delay;
    private final CountDownLatch firstAppendReturned = new CountDownLatch(1);
    private final SharedAttempt<String> checks;
    /** Set when the thread's own check failed: a later check that passes starts the background work. */
    private volatile boolean gaveUp;
    private final AtomicBoolean backgroundStarted = new AtomicBoolean();
    private final Thread thread;

    /**
     * @param check the checks; returns what the background work needs (the stream's ARN), throws naming what is
     *     wrong
     * @param background started once the checks passed and the first append returned (or the delay passed)
     */
    TablePreparation(String tableName, Supplier<String> check, Consumer<String> background, Duration delay) {
        this.checks = new SharedAttempt<>(requireNonNull(check, "check is null"), "checking the DynamoDB tables");
        this.background = requireNonNull(background, "background is null");
        this.delay = requireNonNull(delay, "delay is null");
        this.thread = new Thread(this::run, "eventstream-prepare-" + tableName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        String result;
        try {
            result = checks.get();
        } catch (RuntimeException failed) {
            // The next append reports it, and checks again.
            LOG.warn("Checking the DynamoDB tables failed: {}", failed.getMessage());
            gaveUp = true;
            return;
        }
        try {
            firstAppendReturned.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException closed) {
            return;
        }
        startBackground(result);
    }

    private void startBackground(String result) {
        if (!Thread.currentThread().isInterrupted() && backgroundStarted.compareAndSet(false, true)) {
            background.accept(result);
        }
    }

    /**
     * Returns once the checks passed; throws what they threw, and then checks again at the next call.
     *
     * @throws IllegalStateException when a table is missing or does not fit, naming it
     */
    void awaitChecked() {
        if (checks.passed()) {
            return;
        }
        String result = checks.get();
        if (gaveUp && !backgroundStarted.get()) {
            Thread late = new Thread(() -> startBackground(result), thread.getName());
            late.setDaemon(true);
            late.start();
        }
    }

    /** Lets the background work start. */
    void firstAppendReturned() {
        firstAppendReturned.countDown();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
