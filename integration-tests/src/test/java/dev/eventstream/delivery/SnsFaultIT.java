package dev.eventstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.PublicationRelay;
import dev.eventstream.testkit.Await;
import dev.eventstream.testkit.RecordingSubscriber;
import dev.eventstream.testkit.fault.FaultyEndpoint;
import dev.eventstream.testkit.fault.FaultyEndpoint.Exchange;
import dev.eventstream.testkit.fault.FaultyEndpoint.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay's requests to SNS, each faulted in turn, end to end on moto (DynamoDB -> relay -> SNS behind a
 * {@link FaultyEndpoint} -> SQS -> subscriber). A run appends to two streams (two single events, then a batch),
 * each append handed to the relay at once; once the fault has happened it is switched off, and
 * {@code drainPublications} must then come true and every committed event reach the subscriber, each stream's in
 * sequence order. The run without faults counts the requests to SNS; each later run faults one of them. The SNS
 * client does not retry, so every fault reaches the relay.
 */
class SnsFaultIT {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final AwsDeliveryFixture aws = new AwsDeliveryFixture();

    /** The relay's pacing, in one place: fast retries, and no idle scan in the middle of a run. */
    private static PublicationRelay.Settings relaySettings() {
        return PublicationRelay.Settings.DEFAULT
                .withRetryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withIdleScanInterval(Duration.ofSeconds(60))
                .withScanBatchSize(100)
                .withGracePeriod(Duration.ZERO);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void everyCommittedEventReachesTheSubscriber_whenEachRequestToSnsFailsInTurn(Fault fault) throws IOException {
        String aggregation = "orders-" + UUID.randomUUID();
        EventPersistence persistence = aws.persistence();
        try (FaultyEndpoint sns = new FaultyEndpoint(aws.moto.endpoint());
                SqsSubscriptionSource subscriptions = aws.subscriptions(persistence);
                DefaultEventStore store = DefaultEventStore.builder(persistence)
                        .publisher(new SnsEventPublisher(aws.snsConfig(sns.endpoint()).toBuilder()
                                .socketTimeout(SOCKET_TIMEOUT).build()))
                        .subscriptions(subscriptions)
                        .relaySettings(relaySettings())
                        .build()) {
            RecordingSubscriber subscriber = new RecordingSubscriber();
            Subscription subscription = store.subscribe(aggregation, subscriber);
            int requests = 0;
            for (int faulted = 0; faulted == 0 || faulted <= requests; faulted++) {
                sns.forget();
                if (faulted > 0) {
                    sns.fault(faulted, fault);
                }
                List<Exchange> seen = run(store, sns, subscriber, aggregation, faulted == 0 ? "without faults"
                        : "with " + fault + " at request " + faulted);
                if (faulted == 0) {
                    requests = seen.size();
                    assertThat(requests).as("requests to SNS").isPositive();
                } else {
                    assertThat(seen.get(faulted - 1).fault()).as("the fault in %s", seen).isEqualTo(fault);
                }
            }
            subscription.close();
        }
    }

    /** One run on new streams; returns the requests SNS saw before the drain. */
    private static List<Exchange> run(DefaultEventStore store, FaultyEndpoint sns, RecordingSubscriber subscriber,
            String aggregation, String run) {
        // given
        EventStream first = store.getEventStream(aggregation, UUID.randomUUID().toString());
        EventStream second = store.getEventStream(aggregation, UUID.randomUUID().toString());
        List<RecordedEvent> committed = new ArrayList<>();

        // when: each append's notification goes out (or fails) before the next append
        committed.add(afterItsPublication(sns, () -> first.addEvent("PLACED", Map.of("n", 1))));
        committed.add(afterItsPublication(sns, () -> first.addEvent("PAID", Map.of("n", 2))));
        committed.addAll(afterItsPublication(sns, () -> second.append(ExpectedVersion.noStream(), List.of(
                NewEvent.of("PLACED", Map.of("n", 1)), NewEvent.of("PAID", Map.of("n", 2)),
                NewEvent.of("SENT", Map.of("n", 3))))).events());
        List<Exchange> seen = sns.exchanges();
        sns.clearFaults();

        // then: once the fault is gone, nothing stays pending, and every event arrives, each stream in order
        awaitTrue(() -> store.drainPublications(Duration.ofSeconds(10)), "the drain " + run);
        subscriber.awaitEventIds(committed.stream().map(RecordedEvent::eventId).toList(), BOUND);
        for (EventStream stream : List.of(first, second)) {
            assertThat(subscriber.firstArrivals().stream().filter(event -> event.stream().equals(stream.key())))
                    .as("first arrivals of %s %s", stream.key(), run)
                    .containsExactlyElementsOf(committed.stream()
                            .filter(event -> event.stream().equals(stream.key())).toList());
        }
        return seen;
    }

    /** Does {@code append}, then waits until the relay sent SNS a request after it, so runs repeat exactly. */
    private static <T> T afterItsPublication(FaultyEndpoint sns, Supplier<T> append) {
        int before = sns.exchanges().size();
        T result = append.get();
        awaitTrue(() -> sns.exchanges().size() > before, "a request to SNS after an append");
        return result;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Await.until(BOUND, () -> what, condition);
    }
}
