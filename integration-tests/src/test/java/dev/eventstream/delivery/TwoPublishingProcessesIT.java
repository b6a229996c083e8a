package dev.eventstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
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
import java.util.UUID;
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
            WriterProcess survivor = start(aws, dynamoDb, aggregation, List.of("a-1", "a-2", "a-3", "shared"));
            WriterProcess killed = start(aws, dynamoDb, aggregation, List.of("b-1", "b-2", "b-3", "shared"));

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
            Map<String, Integer> inversions = Inversions.byStream(subscriber.firstArrivals());
            System.out.printf("two publishing processes: %d events committed, %d publications, %d duplicates,"
                    + " inversions by stream %s%n", committed.size(), published.size(), duplicates, inversions);
            assertThat(new HashSet<>(published)).as("every committed event published")
                    .containsAll(committed.stream().map(RecordedEvent::eventId).toList());
            assertThat(duplicates).as("events published twice").isLessThanOrEqualTo(MAX_DUPLICATES);
            streamIds.stream().filter(id -> !id.equals("shared"))
                    .forEach(id -> assertThat(inversions.get(id)).as("inversions in %s", id).isZero());
        }
    }

    private static WriterProcess start(AwsDeliveryFixture aws, URI dynamoDb, String aggregation,
            List<String> streamIds) throws IOException {
        return WriterProcess.start(PublishingWriter.class, BOUND, dynamoDb.toString(), aws.moto.endpoint().toString(),
                aws.table, aws.topicArn, aggregation, String.join(",", streamIds), String.valueOf(EVENTS_PER_STREAM),
                String.valueOf(GRACE_PERIOD.toMillis()));
    }
}
