package dev.eventstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.RecordingSubscriber;
import dev.eventstream.testkit.moto.MotoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a service, each a real JVM whose store keeps the feed (its own indexer competing for the
 * indexer's lease) and publishes its notifications from the feed (its own instance of the notifications group
 * competing for that group's lease) to one FIFO topic. The instance started first takes both leases; it is killed
 * with SIGKILL half-way. The other takes both leases over once they expire, indexes what the dead one left and
 * publishes on from the group's checkpoint.
 *
 * <p>Each instance writes three streams of its own and one stream both write. Promised, and asserted: every event
 * the table holds reaches the subscriber, and the first arrivals of every stream, the shared one included, come in
 * sequence order (one holder publishes the feed at a time, and the feed holds each stream in sequence order
 * whichever process wrote it); the feed holds every committed event once, at dense positions. Duplicates are
 * counted from what the instances report publishing: at most the page the dead holder had in hand (checkpoints are
 * written after every page here).
 */
class TwoProcessesPublishingFromTheFeedIT {
    private static final int EVENTS_PER_STREAM = 30;
    private static final int KILL_AFTER_COMMITS = 60;
    /** The notifications group's lease: short, so that the survivor takes over soon after the kill. */
    private static final Duration GROUP_LEASE = Duration.ofSeconds(2);
    /** The notifications group's page: what a holder that dies may leave to be published again. */
    private static final int PAGE_SIZE = 20;
    /**
     * Each wait's bound. The indexer's lease is the default 10 s (IndexerSettings is not configurable), and moto
     * serves DynamoDB one request at a time, about a hundred a second, shared by both instances' writes, indexers,
     * notifications and the subscriber's reads.
     */
    private static final Duration BOUND = Duration.ofSeconds(150);
    private static final List<String> STREAMS = List.of("a-1", "a-2", "a-3", "b-1", "b-2", "b-3", "shared");

    private final AwsDeliveryFixture aws = new AwsDeliveryFixture();
    /** DynamoDB served one request at a time, so that conditions (leases, chunks) hold between the two JVMs. */
    private final URI dynamoDb = MotoServer.oneRequestAtATime().endpoint();

    @Test
    void theNotificationHolderKilledHalfWayLosesNothingAndReordersNoStreamTheSharedOneIncluded() throws Exception {
        // given: the tables (events with their stream, feed), a subscriber on the topic; this JVM never indexes
        EventPersistence persistence = AwsDeliveryFixture.persistence(dynamoDb, aws.table, true, FeedMode.EXTERNAL);
        String aggregation = "orders-" + UUID.randomUUID();
        try (SqsSubscriptionSource subscriptions = aws.subscriptions(persistence);
                DefaultEventStore reader = new DefaultEventStore(persistence)) {
            RecordingSubscriber subscriber = new RecordingSubscriber();
            Subscription subscription = subscriptions.subscribe(aggregation, subscriber);
            Instance killed = Instance.start(aws, dynamoDb, aggregation, List.of("b-1", "b-2", "b-3", "shared"));
            killed.awaitReady();
            killed.awaitOutput(line -> line.contains("Feed indexer") && line.contains("holds the lease"));
            killed.awaitOutput(line -> line.contains("Group $notifications holds its lease"));
            Instance survivor = Instance.start(aws, dynamoDb, aggregation, List.of("a-1", "a-2", "a-3", "shared"));
            survivor.awaitReady();

            // when: both write; the holder of both leases is killed half-way, the other writes on to the end
            killed.go();
            survivor.go();
            killed.awaitCommits(KILL_AFTER_COMMITS);
            boolean killedHeldBothLeases = !killed.printed(
                    line -> line.contains("lost its lease") || line.contains("lost the lease"));
            killed.kill();
            survivor.awaitAllCommitted();

            // then: every event the table holds arrives, the dead instance's included
            List<RecordedEvent> committed = new ArrayList<>();
            for (String streamId : STREAMS) {
                committed.addAll(persistence.read(StreamKey.of(aggregation, streamId), 1, Long.MAX_VALUE));
            }
            List<UUID> committedIds = committed.stream().map(RecordedEvent::eventId).toList();
            subscriber.awaitEventIds(committedIds, BOUND);

            // and the feed, written by both indexers in turn, holds each of them once, densely, streams in order
            List<FeedEntry> feed = reader.readFeed(1, FeedFilter.all()).toList();
            survivor.stop();
            subscription.close();

            List<UUID> published = new ArrayList<>(survivor.published);
            published.addAll(killed.published);
            int duplicates = published.size() - new HashSet<>(published).size();
            Map<String, Integer> inversions = inversionsByStream(subscriber.firstArrivals());
            System.out.printf("two processes publishing from the feed: %d events committed (%d by the killed"
                    + " instance before the kill, which %s both leases), %d feed entries, %d publications,"
                    + " %d duplicates (at most %d allowed), inversions by stream %s%n", committed.size(),
                    killed.commits.get(), killedHeldBothLeases ? "held" : "had lost one of", feed.size(),
                    published.size(), duplicates, PAGE_SIZE, inversions);
            assertThat(feed).extracting(FeedEntry::position).as("feed positions")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, committed.size()).boxed().toList());
            assertThat(feed).extracting(entry -> entry.event().eventId()).as("the feed's events")
                    .containsExactlyInAnyOrderElementsOf(committedIds);
            Map<String, List<Long>> feedSequences = feed.stream().map(FeedEntry::event).collect(Collectors.groupingBy(
                    RecordedEvent::streamId, TreeMap::new,
                    Collectors.mapping(RecordedEvent::sequence, Collectors.toList())));
            assertThat(feedSequences).as("streams in the feed").containsOnlyKeys(STREAMS);
            feedSequences.forEach((streamId, sequences) -> assertThat(sequences).as("%s in the feed", streamId)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, sequences.size()).boxed().toList()));
            assertThat(new HashSet<>(published)).as("every committed event published").containsAll(committedIds);
            assertThat(duplicates).as("events published twice").isLessThanOrEqualTo(PAGE_SIZE);
            assertThat(inversions).as("inversions by stream").containsOnlyKeys(STREAMS)
                    .allSatisfy((streamId, count) -> assertThat(count).as("inversions in %s", streamId).isZero());
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

    /** One running {@link FeedPublishingWriter}, and what it reported. */
    private static final class Instance {
        private final Process process;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final AtomicInteger commits = new AtomicInteger();
        private final CountDownLatch allCommitted = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);
        final List<UUID> published = Collections.synchronizedList(new ArrayList<>());
        private final List<String> output = new ArrayList<>();

        private Instance(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "feed-publishing-writer-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Instance start(AwsDeliveryFixture aws, URI dynamoDb, String aggregation, List<String> streamIds)
                throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Daws.disableEc2Metadata=true",
                    "-cp", System.getProperty("java.class.path"), FeedPublishingWriter.class.getName(),
                    dynamoDb.toString(), aws.moto.endpoint().toString(), aws.table, aws.topicArn,
                    aggregation, String.join(",", streamIds), String.valueOf(EVENTS_PER_STREAM),
                    String.valueOf(GROUP_LEASE.toMillis()), String.valueOf(PAGE_SIZE))
                    .redirectErrorStream(true)
                    .start();
            return new Instance(process);
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(FeedPublishingWriter.COMMITTED)) {
                        commits.incrementAndGet();
                    } else if (line.startsWith(FeedPublishingWriter.PUBLISHED)) {
                        published.add(UUID.fromString(line.substring(FeedPublishingWriter.PUBLISHED.length())));
                    } else if (line.equals(FeedPublishingWriter.READY)) {
                        ready.countDown();
                    } else if (line.equals(FeedPublishingWriter.ALL_COMMITTED)) {
                        allCommitted.countDown();
                    } else {
                        synchronized (output) {
                            output.add(line);
                        }
                    }
                }
            } catch (IOException e) {
                // The process was killed: what it printed is all there is.
            } finally {
                ended.countDown();
            }
        }

        void awaitReady() throws InterruptedException {
            assertThat(ready.await(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .as("instance ready; its output:\n%s", output()).isTrue();
        }

        void awaitOutput(Predicate<String> line) throws InterruptedException {
            awaitThat(() -> printed(line), "a line of output as expected");
        }

        boolean printed(Predicate<String> line) {
            synchronized (output) {
                return output.stream().anyMatch(line);
            }
        }

        /** Lets it append. */
        void go() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        void awaitCommits(int count) throws InterruptedException {
            awaitThat(() -> commits.get() >= count, count + " commits");
        }

        private void awaitThat(BooleanSupplier condition, String what)
                throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(process.isAlive()).as("instance alive; its output:\n%s", output()).isTrue();
                assertThat(System.nanoTime() - deadline).as("%s within %s; its output:\n%s", what, BOUND, output())
                        .isNegative();
                Thread.sleep(20);
            }
        }

        void awaitAllCommitted() throws InterruptedException {
            assertThat(allCommitted.await(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .as("instance committed everything; its output:\n%s", output()).isTrue();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no lease released, no checkpoint stored.
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
                return String.join("\n", output.subList(Math.max(0, output.size() - 200), output.size()));
            }
        }
    }
}
