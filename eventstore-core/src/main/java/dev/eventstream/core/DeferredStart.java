package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's start-up work off its constructor's path, so that a start sends no request (what an AWS Lambda
 * function's cold start needs), and the background work that may begin only once it passed. The preparation (table
 * checks, a checkpoint to fix) runs at once on a daemon thread of its own; the first append waits for it with
 * {@link #awaitPrepared()}, which tries it again after a failure. The background work (an indexer, a consumer
 * group) starts once, after the preparation passed, when {@link #release()} was called (the first append returned)
 * or {@link #DELAY} has passed, whichever comes first, so that it does not compete with the first append; at once
 * with {@link #startNow()}. Never after {@link #close()}.
 *
 * @param <T> what the preparation gives the background work
 */
public final class DeferredStart<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredStart.class);
    /** Longest a store that does not append waits before its background work starts. */
    public static final Duration DELAY = Duration.ofSeconds(1);

    private final SharedAttempt<T> preparation;
    private final Consumer<T> background;
    private final String threadName;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    /** Set when the thread's own preparation failed: the next one that passes starts the background work. */
    private volatile boolean gaveUp;
    private volatile boolean closed;
    private final Thread thread;

    /**
     * Starts the preparation on a thread named {@code threadName}.
     *
     * @param what the preparation, for messages: "checking the DynamoDB tables"
     * @param preparation throws naming what is wrong when it fails
     */
    public DeferredStart(String threadName, String what, Supplier<T> preparation, Consumer<T> background) {
        this.threadName = requireNonNull(threadName, "threadName is null");
        this.preparation = new SharedAttempt<>(requireNonNull(preparation, "preparation is null"), what);
        this.background = requireNonNull(background, "background is null");
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        T result;
        try {
            result = preparation.get();
        } catch (RuntimeException failed) {
            // The next append reports it, and tries again.
            LOG.warn("{} failed: {}", capitalized(preparation.what()), failed.getMessage());
            gaveUp = true;
            return;
        }
        startWhenReleased(result);
    }

    private void startWhenReleased(T result) {
        try {
            released.await(DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException closing) {
            return;
        }
        startOnce(result);
    }

    private void startOnce(T result) {
        if (!closed && started.compareAndSet(false, true)) {
            background.accept(result);
        }
    }

    /**
     * Returns once the preparation passed; throws what it threw, and tries again at the next call.
     *
     * @throws RuntimeException what the preparation threw, naming what is wrong
     */
    public void awaitPrepared() {
        if (preparation.passed()) {
            return;
        }
        T result = preparation.get();
        if (gaveUp && !started.get()) {
            Thread late = new Thread(() -> startWhenReleased(result), threadName);
            late.setDaemon(true);
            late.start();
        }
    }

    /** Lets the background work start (once the preparation passed): the first append returned. */
    public void release() {
        released.countDown();
    }

    /** Starts the background work here and now if the preparation passed, for a caller that waits for it. */
    public void startNow() {
        released.countDown();
        if (preparation.passed()) {
            startOnce(preparation.get());
        }
    }

    /** Stops the preparation's thread; the background work, if started, is its owner's to stop. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
