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
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
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
            WriterProcess killed = start(aws, dynamoDb, aggregation, List.of("b-1", "b-2", "b-3", "shared"));
            killed.awaitReady();
            killed.awaitOutput(line -> line.contains("Feed indexer") && line.contains("holds the lease"));
            killed.awaitOutput(line -> line.contains("Group $notifications holds its lease"));
            WriterProcess survivor = start(aws, dynamoDb, aggregation, List.of("a-1", "a-2", "a-3", "shared"));
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
            Map<String, Integer> inversions = Inversions.byStream(subscriber.firstArrivals());
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

    private static WriterProcess start(AwsDeliveryFixture aws, URI dynamoDb, String aggregation,
            List<String> streamIds) throws IOException {
        return WriterProcess.start(FeedPublishingWriter.class, BOUND, dynamoDb.toString(), aws.moto.endpoint().toString(),
                aws.table, aws.topicArn, aggregation, String.join(",", streamIds), String.valueOf(EVENTS_PER_STREAM),
                String.valueOf(GROUP_LEASE.toMillis()), String.valueOf(PAGE_SIZE));
    }
}
