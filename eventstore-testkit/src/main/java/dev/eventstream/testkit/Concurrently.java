package dev.eventstream.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs tasks on several threads released at the same moment, as the concurrency tests of every adapter do. */
public final class Concurrently {
    /** How long a group of concurrent tasks may take before the test gives up; a bound, never an assertion. */
    private static final Duration CONCURRENT_TASKS_BOUND = Duration.ofMinutes(5);

    private Concurrently() {}

    /** A task run by one of several threads; {@code worker} is its index. */
    @FunctionalInterface
    public interface Worker<T> {
        T run(int worker) throws Exception;
    }

    /**
     * Runs {@code workers} tasks on as many threads, released together, and returns their results in worker
     * order. A task's failure fails the caller with that failure as the cause.
     */
    public static <T> List<T> runConcurrently(int workers, Worker<T> task) {
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int worker = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.run(worker);
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + CONCURRENT_TASKS_BOUND.toNanos();
            List<T> results = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            if (!failures.isEmpty()) {
                throw taskFailure(failures);
            }
            return results;
        } catch (TimeoutException e) {
            throw new AssertionError("concurrent tasks did not finish within " + CONCURRENT_TASKS_BOUND, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for concurrent tasks", e);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * One failure for the test to report: the first that is not merely a broken barrier (the echo of another
     * task's failure in the tasks that waited for it), with the others attached.
     */
    private static AssertionError taskFailure(List<Throwable> failures) {
        Throwable cause = failures.stream()
                .filter(failure -> !(failure instanceof BrokenBarrierException))
                .findFirst()
                .orElse(failures.get(0));
        AssertionError error = new AssertionError("a concurrent task failed: " + cause, cause);
        failures.stream().filter(failure -> failure != cause).forEach(error::addSuppressed);
        return error;
    }
}
