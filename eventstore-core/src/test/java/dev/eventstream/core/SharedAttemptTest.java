package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedAttemptTest {

    @Test
    void callersDuringAnAttemptShareItAndAPassedAttemptIsNotRunAgain() throws Exception {
        // given
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SharedAttempt<String> attempt = new SharedAttempt<>(() -> {
            runs.incrementAndGet();
            started.countDown();
            await(release);
            return "checked";
        }, "checking");

        // when
        CompletableFuture<String> first = CompletableFuture.supplyAsync(attempt::get);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(attempt::get);
        release.countDown();

        // then
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("checked");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("checked");
        assertThat(attempt.get()).isEqualTo("checked");
        assertThat(attempt.passed()).isTrue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aFailedAttemptIsThrownAndTheNextCallTriesAgain() {
        // given
        AtomicInteger runs = new AtomicInteger();
        SharedAttempt<String> attempt = new SharedAttempt<>(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("DynamoDB table 'orders' does not exist");
            }
            return "checked";
        }, "checking the DynamoDB tables");

        // when / then
        assertThatThrownBy(attempt::get).isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB table 'orders' does not exist");
        assertThat(attempt.passed()).isFalse();
        assertThat(attempt.get()).isEqualTo("checked");
        assertThat(runs).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
