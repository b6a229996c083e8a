package dev.eventstream.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for something asynchronous to happen in a test, bounded, polling every 10 ms. */
public final class Await {
    private Await() {}

    /**
     * Polls {@code condition} until it holds, failing with {@code description} once {@code bound} has passed.
     * Only bounds the wait for asynchronous work; a test never asserts on how long anything takes.
     */
    public static void until(Duration bound, Supplier<String> description, BooleanSupplier condition) {
        long end = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("gave up after " + bound + " waiting until " + description.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + description.get(), e);
            }
        }
    }
}
