package dev.eventstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.PublicationRelay;
import dev.eventstream.testkit.RecordingSubscriber;
import dev.eventstream.testkit.fault.FaultyEndpoint;
import dev.eventstream.testkit.fault.FaultyEndpoint.Mode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The delivery guarantee end to end, DynamoDB -> relay -> SNS -> SQS -> subscriber, all on moto, through an outage
 * of SNS: appends succeed while SNS cannot be reached, and once it can, every notification arrives.
 */
class SnsOutageIT {
    private static final int STREAMS = 5;
    private static final int EVENTS_PER_STREAM = 20;
    private static final Duration ARRIVAL_BOUND = Duration.ofSeconds(90);

    private final AwsDeliveryFixture aws = new AwsDeliveryFixture();

    @Test
    void appendsSucceedWhileSnsIsUnreachable_andEveryNotificationArrivesInStreamOrderOnceItIsBack()
            throws IOException {
        // given: SNS behind an endpoint that refuses connections
        String aggregation = "orders-" + UUID.randomUUID();
        EventPersistence persistence = aws.persistence();
        try (FaultyEndpoint sns = new FaultyEndpoint(aws.moto.endpoint());
                SqsSubscriptionSource subscriptions = aws.subscriptions(persistence);
                DefaultEventStore store = DefaultEventStore.builder(persistence)
                        .publisher(new SnsEventPublisher(aws.snsConfig(sns.endpoint())))
                        .subscriptions(subscriptions)
                        .relaySettings(PublicationRelay.Settings.DEFAULT
                                .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                                .withScanBatchSize(100))
                        .build()) {
            RecordingSubscriber subscriber = new RecordingSubscriber();
            Subscription subscription = store.subscribe(aggregation, subscriber);
            sns.mode(Mode.UNREACHABLE);

            // when: 100 appends while SNS is down
            List<EventStream> streams = IntStream.rangeClosed(1, STREAMS)
                    .mapToObj(i -> store.getEventStream(aggregation, "order-" + i)).toList();
            List<RecordedEvent> committed = new ArrayList<>();
            for (int round = 1; round <= EVENTS_PER_STREAM; round++) {
                for (EventStream stream : streams) {
                    committed.add(stream.addEvent("STEP", Map.of("round", round)));
                }
            }

            // then: all of them stored, none published yet
            assertThat(committed).hasSize(STREAMS * EVENTS_PER_STREAM);
            for (EventStream stream : streams) {
                assertThat(stream.getEvents()).hasSize(EVENTS_PER_STREAM);
            }
            assertThat(store.drainPublications(Duration.ofSeconds(10))).isFalse();
            assertThat(subscriber.arrivals()).isEmpty();

            // when: SNS is back
            sns.mode(Mode.PASS_THROUGH);

            // then: every committed event arrives, in order within its stream, repeats only of the same id
            assertThat(store.drainPublications(ARRIVAL_BOUND)).isTrue();
            subscriber.awaitEventIds(committed.stream().map(RecordedEvent::eventId).toList(), ARRIVAL_BOUND);
            assertThat(subscriber.firstArrivals()).containsExactlyInAnyOrderElementsOf(committed);
            for (EventStream stream : streams) {
                assertThat(subscriber.firstArrivals().stream()
                        .filter(event -> event.stream().equals(stream.key()))
                        .map(RecordedEvent::sequence))
                        .as("arrivals of %s", stream.key())
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, EVENTS_PER_STREAM)
                                .mapToObj(Long::valueOf).toList());
            }
            subscription.close();
        }
    }
}
