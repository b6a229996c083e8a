package dev.eventstream.core;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one thread wait for a while unless it is woken first. A signal given while nobody waits is kept, so that a
 * wake-up arriving just before the wait is not lost.
 */
final class Wakeup {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private boolean pending;

    /** Wakes the waiting thread, or the next one to wait. */
    void signal() {
        lock.lock();
        try {
            pending = true;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until signalled or {@code timeout} passed, and consumes the signal.
     *
     * @return whether it was signalled; false on timeout or interruption (the interrupt flag is kept)
     */
    boolean await(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!pending && remaining > 0) {
                remaining = signalled.awaitNanos(remaining);
            }
            boolean wasSignalled = pending;
            pending = false;
            return wasSignalled;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits the whole {@code delay} unless {@code stop} turns true meanwhile (checked on every signal); other
     * signals do not cut it short.
     *
     * @return false when it stopped early
     */
    boolean sleepUnless(BooleanSupplier stop, Duration delay) {
        long end = System.nanoTime() + delay.toNanos();
        while (!stop.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            await(Duration.ofNanos(left));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return false;
    }
}
