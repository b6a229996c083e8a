package dev.eventstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.RecordingSubscriber;
import dev.eventstream.testkit.moto.MotoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a service, each a real JVM publishing through its own relay to one FIFO topic, one of them
 * killed with SIGKILL half-way: every committed event reaches the subscriber, the survivor takes over what the
 * dead one left pending once the grace period has passed, and neither republishes the other's fresh events.
 *
 * <p>Each instance writes three streams of its own and one stream both write. Duplicates are counted from what
 * the instances report publishing; inversions from the order of first arrivals at the subscriber. Streams with
 * one writer must see none; the shared stream may (across processes the order of one stream's notifications is
 * not guaranteed: docs/delivery-guarantee.md), and its count is reported.
 */
class TwoPublishingProcessesIT {
    private static final int EVENTS_PER_STREAM = 30;
    private static final int KILL_AFTER_COMMITS = 60;
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(2);
    private static final Duration BOUND = Duration.ofSeconds(120);
    /** What the killed instance may have published without marking: its relay's batch at the moment it died. */
    private static final int MAX_DUPLICATES = 20;

    private final AwsDeliveryFixture aws = new AwsDeliveryFixture();
    /** DynamoDB served one request at a time, so that conditions hold between the two JVMs, as on DynamoDB. */
    private final URI dynamoDb = MotoServer.oneRequestAtATime().endpoint();

    @Test
    void aKilledInstancesEventsArePublishedByTheOtherWithoutLossOrReorderingOfSingleWriterStreams()
            throws Exception {
        // given: the table, a subscriber on the topic, and two instances writing
        EventPersistence persistence = aws.persistence(dynamoDb, true);
        String aggregation = "orders-" + UUID.randomUUID();
        try (SqsSubscriptionSource subscriptions = aws.subscriptions(persistence)) {
            RecordingSubscriber subscriber = new RecordingSubscriber();
            Subscription subscription = subscriptions.subscribe(aggregation, subscriber);
            Instance survivor = Instance.start(aws, dynamoDb, aggregation, List.of("a-1", "a-2", "a-3", "shared"));
            Instance killed = Instance.start(aws, dynamoDb, aggregation, List.of("b-1", "b-2", "b-3", "shared"));

            // when: one is killed half-way, the other writes on to the end
            killed.awaitCommits(KILL_AFTER_COMMITS);
            killed.kill();
            survivor.awaitAllCommitted();

            // then: every event the table holds arrives, the dead instance's included
            List<String> streamIds = List.of("a-1", "a-2", "a-3", "b-1", "b-2", "b-3", "shared");
            List<RecordedEvent> committed = new ArrayList<>();
            for (String streamId : streamIds) {
                committed.addAll(persistence.read(StreamKey.of(aggregation, streamId), 1, Long.MAX_VALUE));
            }
            subscriber.awaitEventIds(committed.stream().map(RecordedEvent::eventId).toList(), BOUND);
            survivor.stop();
            subscription.close();

            List<UUID> published = new ArrayList<>(survivor.published);
            published.addAll(killed.published);
            int duplicates = published.size() - new HashSet<>(published).size();
            Map<String, Integer> inversions = inversionsByStream(subscriber.firstArrivals());
            System.out.printf("two publishing processes: %d events committed, %d publications, %d duplicates,"
                    + " inversions by stream %s%n", committed.size(), published.size(), duplicates, inversions);
            assertThat(new HashSet<>(published)).as("every committed event published")
                    .containsAll(committed.stream().map(RecordedEvent::eventId).toList());
            assertThat(duplicates).as("events published twice").isLessThanOrEqualTo(MAX_DUPLICATES);
            streamIds.stream().filter(id -> !id.equals("shared"))
                    .forEach(id -> assertThat(inversions.get(id)).as("inversions in %s", id).isZero());
        }
    }

    /** Per stream, how many first arrivals came after an arrival of a later event of the same stream. */
    private static Map<String, Integer> inversionsByStream(List<RecordedEvent> firstArrivals) {
        Map<String, Long> highest = new HashMap<>();
        Map<String, Integer> inversions = new TreeMap<>();
        for (RecordedEvent event : firstArrivals) {
            inversions.putIfAbsent(event.streamId(), 0);
            long before = highest.getOrDefault(event.streamId(), 0L);
            if (event.sequence() < before) {
                inversions.merge(event.streamId(), 1, Integer::sum);
            }
            highest.put(event.streamId(), Math.max(before, event.sequence()));
        }
        return inversions;
    }

    /** One running {@link PublishingWriter}, and what it reported. */
    private static final class Instance {
        private final Process process;
        private final AtomicInteger commits = new AtomicInteger();
        private final CountDownLatch allCommitted = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);
        final List<UUID> published = Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder output = new StringBuilder();

        private Instance(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "publishing-writer-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Instance start(AwsDeliveryFixture aws, URI dynamoDb, String aggregation, List<String> streamIds)
                throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Daws.disableEc2Metadata=true",
                    "-cp", System.getProperty("java.class.path"), PublishingWriter.class.getName(),
                    dynamoDb.toString(), aws.moto.endpoint().toString(), aws.table, aws.topicArn,
                    aggregation, String.join(",", streamIds), String.valueOf(EVENTS_PER_STREAM),
                    String.valueOf(GRACE_PERIOD.toMillis()))
                    .redirectErrorStream(true)
                    .start();
            return new Instance(process);
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(PublishingWriter.COMMITTED)) {
                        commits.incrementAndGet();
                    } else if (line.startsWith(PublishingWriter.PUBLISHED)) {
                        published.add(UUID.fromString(line.substring(PublishingWriter.PUBLISHED.length())));
                    } else if (line.equals(PublishingWriter.ALL_COMMITTED)) {
                        allCommitted.countDown();
                    } else {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // The process was killed: what it printed is all there is.
            } finally {
                ended.countDown();
            }
        }

        void awaitCommits(int count) throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (commits.get() < count) {
                assertThat(process.isAlive()).as("instance alive; its output:\n%s", output()).isTrue();
                assertThat(System.nanoTime() - deadline).as("%d commits within %s", count, BOUND).isNegative();
                Thread.sleep(20);
            }
        }

        void awaitAllCommitted() throws InterruptedException {
            assertThat(allCommitted.await(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .as("instance committed everything; its output:\n%s", output()).isTrue();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no relay close.
            process.waitFor(30, TimeUnit.SECONDS);
            ended.await(30, TimeUnit.SECONDS);
        }

        /** Closes its stdin: it closes its store and exits. */
        void stop() throws IOException, InterruptedException {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            ended.await(30, TimeUnit.SECONDS);
        }

        private String output() {
            synchronized (output) {
                return output.toString();
            }
        }
    }
}
