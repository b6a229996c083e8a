package dev.eventstream.core;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.EventStoreUnavailableException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Work that several threads may wait for, done until it passes once: a caller runs it unless another caller runs or
 * ran the same attempt, and waits for that attempt. A failure is thrown to every caller of its attempt, and the next
 * call makes a new one (what failed, a missing table, may be fixed by then); once an attempt passed, its result is
 * kept and returned at once. For the start-up work an AWS Lambda function's store does off its constructor's path,
 * begun on a thread of its own and awaited by the first append.
 *
 * @param <T> the work's result
 */
public final class SharedAttempt<T> {
    private final Supplier<T> work;
    private final String what;
    private final Object lock = new Object();
    private FutureTask<T> attempt;
    private volatile boolean passed;

    /**
     * @param work what to do; throws a {@link RuntimeException} naming what is wrong when it fails
     * @param what the work, for messages: "checking the DynamoDB tables"
     */
    public SharedAttempt(Supplier<T> work, String what) {
        this.work = requireNonNull(work, "work is null");
        this.what = requireNonNull(what, "what is null");
        this.attempt = new FutureTask<>(work::get);
    }

    /** The work, as messages name it. */
    public String what() {
        return what;
    }

    /** Whether an attempt passed. */
    public boolean passed() {
        return passed;
    }

    /**
     * The result of the passed attempt; else runs the current attempt here (unless it runs or ran already) and
     * waits for it.
     *
     * @throws RuntimeException what the attempt threw; the next call tries again
     * @throws EventStoreUnavailableException when interrupted while waiting
     */
    public T get() {
        FutureTask<T> current;
        synchronized (lock) {
            current = attempt;
        }
        current.run();
        try {
            T result = current.get();
            passed = true;
            return result;
        } catch (ExecutionException e) {
            synchronized (lock) {
                if (attempt == current) {
                    attempt = new FutureTask<>(work::get);
                }
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreUnavailableException("interrupted while " + what, e);
        }
    }
}
