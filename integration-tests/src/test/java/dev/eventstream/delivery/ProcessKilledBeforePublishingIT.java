package dev.eventstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.PublicationRelay;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.RecordingSubscriber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A process killed between committing events and publishing them: after a restart, the relay of the new process
 * publishes what the dead one left pending. The dead process is real: a second JVM, killed with SIGKILL.
 */
class ProcessKilledBeforePublishingIT {
    private static final int EVENTS = 5;
    private static final Duration ARRIVAL_BOUND = Duration.ofSeconds(90);
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(2);

    private final AwsDeliveryFixture aws = new AwsDeliveryFixture();

    @Test
    void eventsCommittedByAKilledProcessArePublishedAfterTheRestart() throws Exception {
        // given: the table exists, and a subscriber listens on the topic
        EventPersistence persistence = aws.persistence();
        StreamKey stream = StreamKey.of("orders-" + UUID.randomUUID(), "order-1");
        try (SqsSubscriptionSource subscriptions = aws.subscriptions(persistence)) {
            RecordingSubscriber subscriber = new RecordingSubscriber();
            Subscription subscription = subscriptions.subscribe(stream.aggregation(), subscriber);

            // when: another process commits events, hangs in its publisher, and is killed
            List<UUID> committed = commitInAProcessThenKillIt(stream);

            // then: nothing was published by it
            assertThat(committed).hasSize(EVENTS);
            assertThat(subscriber.arrivals()).isEmpty();

            // when: the service restarts on the same table; the dead process's events are left to it for the grace
            // period, as they would be to a live one
            try (DefaultEventStore restarted = DefaultEventStore.builder(persistence)
                    .publisher(new SnsEventPublisher(aws.snsConfig(aws.moto.endpoint())))
                    .relaySettings(PublicationRelay.Settings.DEFAULT.withGracePeriod(GRACE_PERIOD))
                    .build()) {
                awaitDrained(restarted);

                // then
                subscriber.awaitEventIds(committed, ARRIVAL_BOUND);
                assertThat(subscriber.firstArrivals()).extracting(RecordedEvent::eventId)
                        .containsExactlyElementsOf(committed);
                assertThat(subscriber.firstArrivals()).extracting(RecordedEvent::sequence)
                        .containsExactly(1L, 2L, 3L, 4L, 5L);
            }
            subscription.close();
        }
    }

    /** Drains until nothing is pending: at first the events are fresher than the grace period and stay pending. */
    private static void awaitDrained(DefaultEventStore store) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_BOUND.toNanos();
        while (!store.drainPublications(ARRIVAL_BOUND)) {
            assertThat(System.nanoTime() - deadline).as("drained within %s", ARRIVAL_BOUND).isNegative();
            Thread.sleep(GRACE_PERIOD.toMillis() / 4);
        }
    }

    private List<UUID> commitInAProcessThenKillIt(StreamKey stream) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Daws.disableEc2Metadata=true",
                "-cp", System.getProperty("java.class.path"), AppendThenHang.class.getName(),
                aws.moto.endpoint().toString(), aws.table, stream.aggregation(), stream.streamId(),
                String.valueOf(EVENTS))
                .redirectErrorStream(true)
                .start();
        List<UUID> committed = new ArrayList<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals(AppendThenHang.ALL_COMMITTED)) {
                output.append(line).append('\n');
                if (line.startsWith(AppendThenHang.COMMITTED)) {
                    committed.add(UUID.fromString(line.substring(AppendThenHang.COMMITTED.length())));
                }
            }
            assertThat(line).as("the appending process ended early; its output:\n%s", output)
                    .isEqualTo(AppendThenHang.ALL_COMMITTED);
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return committed;
    }
}
