package dev.eventstream.testkit;

import dev.eventstream.api.RecordedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What the contract suites share: unique names, running tasks at once, waiting for asynchronous arrival. */
final class ContractSupport {
    /** How long a group of concurrent tasks may take before the test gives up; a bound, never an assertion. */
    private static final Duration CONCURRENT_TASKS_BOUND = Duration.ofMinutes(5);

    private ContractSupport() {}

    /** A name no other test uses, so adapters backed by a shared engine keep tests apart. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A task run by one of several threads; {@code worker} is its index. */
    @FunctionalInterface
    interface Worker<T> {
        T run(int worker) throws Exception;
    }

    /**
     * Runs {@code workers} tasks on as many threads, released together, and returns their results in worker
     * order. A task's failure fails the caller with that failure as the cause.
     */
    static <T> List<T> runConcurrently(int workers, Worker<T> task) {
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

    /**
     * Polls {@code condition} until it holds, failing with {@code description} once {@code deadline} has passed.
     * Only bounds the wait for asynchronous delivery; no test asserts on how long anything takes.
     */
    static void awaitUntil(Duration deadline, Supplier<String> description, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("gave up after " + deadline + " waiting until " + description.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + description.get(), e);
            }
        }
    }

    /** The first arrival of each event id, in arrival order: what an at-least-once subscriber acts on. */
    static List<RecordedEvent> firstArrivals(List<RecordedEvent> arrivals) {
        Map<UUID, RecordedEvent> first = new LinkedHashMap<>();
        for (RecordedEvent event : arrivals) {
            first.putIfAbsent(event.eventId(), event);
        }
        return List.copyOf(first.values());
    }

    static List<Long> sequences(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::sequence).toList();
    }

    static List<UUID> eventIds(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::eventId).toList();
    }

    /** 1, 2, ... {@code count}. */
    static List<Long> oneTo(long count) {
        return rangeClosed(1, count);
    }

    static List<Long> rangeClosed(long first, long last) {
        List<Long> values = new ArrayList<>();
        for (long value = first; value <= last; value++) {
            values.add(value);
        }
        return values;
    }
}
