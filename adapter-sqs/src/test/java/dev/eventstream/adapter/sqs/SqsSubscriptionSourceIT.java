package dev.eventstream.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.adapter.sns.SnsEventPublisherModule;
import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.SubscriptionSource;
import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.guice.EventStoreModule;
import dev.eventstream.testkit.RecordingTelemetry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsSubscriptionSourceIT {
    private final MotoAws aws = new MotoAws();
    private final InMemoryEventPersistence persistence = new InMemoryEventPersistence();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        aws.close();
    }

    @ParameterizedTest(name = "fifo={0}")
    @ValueSource(booleans = {false, true})
    void theSubscriberReceivesExactlyTheCommittedEvent(boolean fifo) {
        // given
        DefaultEventStore store = store(aws.createTopic(fifo));
        Collector received = new Collector();
        store.subscribe("orders", received);

        // when
        RecordedEvent committed = store.getEventStream("orders", "123")
                .addEvent("PLACED", Map.of("total", 42, "lines", List.of(Map.of("sku", "book", "qty", 2))));

        // then
        assertThat(received.awaitCount(1)).containsExactly(committed);
    }

    @Test
    void eachSubscriberGetsOnlyItsAggregation() {
        // given
        DefaultEventStore store = store(aws.createTopic(false));
        Collector orders = new Collector();
        Collector invoices = new Collector();
        QueueSubscription ordersSubscription = (QueueSubscription) store.subscribe("orders", orders);
        QueueSubscription invoicesSubscription = (QueueSubscription) store.subscribe("invoices", invoices);

        // when
        RecordedEvent order = store.getEventStream("orders", "1").addEvent("PLACED", Map.of());
        RecordedEvent invoice = store.getEventStream("invoices", "1").addEvent("ISSUED", Map.of());

        // then: once each queue is empty, each subscriber has had all it will get
        assertThat(orders.awaitCount(1)).isNotEmpty();
        assertThat(invoices.awaitCount(1)).isNotEmpty();
        assertThat(aws.awaitDrained(ordersSubscription.queueUrl())).isTrue();
        assertThat(aws.awaitDrained(invoicesSubscription.queueUrl())).isTrue();
        assertThat(orders.events()).containsExactly(order);
        assertThat(invoices.events()).containsExactly(invoice);
    }

    @Test
    void aFifoTopicKeepsEachStreamInSequenceOrder() {
        // given
        DefaultEventStore store = store(aws.createTopic(true));
        Collector received = new Collector();
        store.subscribe("orders", received);
        List<EventStream> streams = List.of(store.getEventStream("orders", "a"),
                store.getEventStream("orders", "b"), store.getEventStream("orders", "c"));

        // when: appends to three streams, interleaved
        for (int i = 1; i <= 8; i++) {
            for (EventStream stream : streams) {
                stream.addEvent("STEP", Map.of("step", i));
            }
        }

        // then
        List<RecordedEvent> events = received.awaitCount(24);
        assertThat(events).hasSize(24);
        for (EventStream stream : streams) {
            assertThat(events.stream().filter(e -> e.streamId().equals(stream.streamId())))
                    .extracting(RecordedEvent::sequence)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        }
    }

    @Test
    void twentyFiveEventsOfOneAppendArriveCompleteAndInOrder() {
        // given
        DefaultEventStore store = store(aws.createTopic(true));
        Collector received = new Collector();
        store.subscribe("orders", received);
        List<NewEvent> events = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> NewEvent.of("LINE_ADDED", Map.of("line", i)))
                .toList();

        // when
        AppendResult result = store.getEventStream("orders", "123").append(ExpectedVersion.noStream(), events);

        // then
        assertThat(received.awaitCount(25)).containsExactlyElementsOf(result.events());
    }

    @Test
    void anEventTooLargeForSnsReachesTheSubscriberInFullThroughTheStore() {
        // given
        DefaultEventStore store = store(aws.createTopic(true));
        Collector received = new Collector();
        store.subscribe("orders", received);
        EventStream stream = store.getEventStream("orders", "123");

        // when
        RecordedEvent big = stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("SCANNED",
                Map.of("image", "x".repeat(300_000))).withRevision(2).withMetadata(METADATA))).events().get(0);
        RecordedEvent small = stream.addEvent("SENT", Map.of("carrier", "post"));

        // then: equal events, revision and metadata included
        assertThat(received.awaitCount(2)).containsExactly(big, small);
        assertThat(received.events().get(0).metadata()).isEqualTo(METADATA);
    }

    @Test
    void anEventWhosePayloadWasLeftOutGetsItsRevisionAndMetadataFromTheStoreNotFromTheNotification() {
        // given: a stored event with a revision and metadata, and a notification of it that has neither, as a
        // publisher from before they existed sends
        String topic = aws.createTopic(true);
        SqsSubscriptionSource source = source(aws.sqsConfig(topic).build());
        Collector received = new Collector();
        source.subscribe("orders", received);
        RecordedEvent stored = persistence.append(StreamKey.of("orders", "123"), ExpectedVersion.noStream(),
                List.of(NewEvent.of("SCANNED", Map.of("image", "x".repeat(300_000))).withRevision(3)
                        .withMetadata(METADATA))).events().get(0);
        RecordedEvent announced = RecordedEvent.withPayloadJson("orders", "123", 1, stored.eventId(), "SCANNED",
                stored.payloadJson(), stored.commitTimestamp());

        // when
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.snsConfig(topic))) {
            publisher.publish(List.of(announced));
        }

        // then
        RecordedEvent delivered = received.awaitCount(1).get(0);
        assertThat(delivered).isEqualTo(stored);
        assertThat(delivered.revision()).isEqualTo(3);
        assertThat(delivered.metadata()).isEqualTo(METADATA);
    }

    @Test
    void aFailedDeliveryComesBackAfterTheVisibilityTimeoutAndKeepsTheStreamsOrder() {
        // given
        DefaultEventStore store = store(aws.createTopic(true));
        Collector received = new Collector();
        AtomicInteger attemptsOfFirst = new AtomicInteger();
        QueueSubscription subscription = (QueueSubscription) store.subscribe("orders", event -> {
            if (event.sequence() == 1 && attemptsOfFirst.incrementAndGet() == 1) {
                throw new IllegalStateException("read model unavailable");
            }
            received.accept(event);
        });

        // when: one append, so both events usually arrive in one receive
        List<RecordedEvent> committed = store.getEventStream("orders", "123").append(ExpectedVersion.noStream(),
                List.of(NewEvent.of("PLACED", Map.of()), NewEvent.of("PAID", Map.of()))).events();

        // then
        assertThat(received.awaitCount(2)).containsExactlyElementsOf(committed);
        assertThat(attemptsOfFirst).hasValue(2);
        assertThat(aws.awaitDrained(subscription.queueUrl())).isTrue();
    }

    @Test
    void anEventThatKeepsFailingIsGivenUpAfterTheAllowedAttemptsAndTheStreamGoesOn() {
        // given
        String topic = aws.createTopic(true);
        String aggregation = "orders-" + UUID.randomUUID();
        SqsConfig config = aws.sqsConfig(topic).maxDeliveryAttempts(2).build();
        DefaultEventStore store = store(topic, config);
        Collector received = new Collector();
        AtomicInteger attemptsOfFirst = new AtomicInteger();
        store.subscribe(aggregation, event -> {
            if (event.sequence() == 1) {
                attemptsOfFirst.incrementAndGet();
                throw new IllegalStateException("cannot handle " + event.eventType());
            }
            received.accept(event);
        });
        EventStream stream = store.getEventStream(aggregation, "123");

        // when
        RecordedEvent first = stream.addEvent("CORRUPT", Map.of());
        RecordedEvent second = stream.addEvent("PAID", Map.of());

        // then: on a FIFO topic the second event can only come once the first was given up, into the dead letters
        assertThat(received.awaitCount(1)).containsExactly(second);
        assertThat(attemptsOfFirst).hasValue(2);
        List<Message> deadLetters = aws.awaitDeadLetters(aggregation, config, 1);
        assertThat(deadLetters).hasSize(1);
        assertThat(ReceivedNotification.parse(deadLetters.get(0).body()).eventId()).isEqualTo(first.eventId());
        assertThat(deadLetters.get(0).messageAttributes().get("reason").stringValue())
                .isEqualTo("the subscriber failed 2 times, last with java.lang.IllegalStateException");
    }

    @Test
    void aMessageReceivedAgainAfterItsSubscriberFailedCountsOneRedeliveryOfItsQueue() {
        // given
        RecordingTelemetry telemetry = new RecordingTelemetry();
        String topic = aws.createTopic(true);
        SqsConfig config = aws.sqsConfig(topic).telemetry(telemetry).build();
        DefaultEventStore store = store(topic, config);
        Collector received = new Collector();
        AtomicInteger attempts = new AtomicInteger();
        QueueSubscription subscription = (QueueSubscription) store.subscribe("orders", event -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("read model unavailable");
            }
            received.accept(event);
        });
        String queue = source(config).consumer("orders");

        // when
        RecordedEvent placed = store.getEventStream("orders", "123").addEvent("PLACED", Map.of());

        // then
        assertThat(received.awaitCount(1)).containsExactly(placed);
        assertThat(telemetry.count(Meter.SQS_REDELIVERIES, queue)).isEqualTo(1);
        assertThat(telemetry.count(Meter.SQS_DEAD_LETTERS, queue)).isZero();
        assertThat(subscription.queueName()).startsWith(queue.substring(0, queue.indexOf('*')));
        assertThat(telemetry.awsRequests()).extracting(AwsRequest::operation).contains("ReceiveMessage");
    }

    @Test
    void aMessageMovedToTheDeadLetterQueueCountsOneDeadLetterOfItsQueue() {
        // given
        RecordingTelemetry telemetry = new RecordingTelemetry();
        String topic = aws.createTopic(true);
        String aggregation = "orders-" + UUID.randomUUID();
        SqsConfig config = aws.sqsConfig(topic).maxDeliveryAttempts(2).telemetry(telemetry).build();
        DefaultEventStore store = store(topic, config);
        Collector received = new Collector();
        store.subscribe(aggregation, event -> {
            if (event.sequence() == 1) {
                throw new IllegalStateException("cannot handle " + event.eventType());
            }
            received.accept(event);
        });
        String queue = source(config).consumer(aggregation);
        EventStream stream = store.getEventStream(aggregation, "123");

        // when
        stream.addEvent("CORRUPT", Map.of());
        RecordedEvent second = stream.addEvent("PAID", Map.of());

        // then: the second event comes once the first was given up, after its second failed delivery
        assertThat(received.awaitCount(1)).containsExactly(second);
        assertThat(telemetry.count(Meter.SQS_DEAD_LETTERS, queue)).isEqualTo(1);
        assertThat(telemetry.count(Meter.SQS_REDELIVERIES, queue)).isGreaterThanOrEqualTo(1);
        assertThat(aws.awaitDeadLetters(aggregation, config, 1)).hasSize(1);
    }

    @Test
    void anEventDeliveredTwiceReachesTheSubscriberOnce() {
        // given
        String topic = aws.createTopic(false);
        SqsSubscriptionSource source = source(aws.sqsConfig(topic).build());
        Collector received = new Collector();
        QueueSubscription subscription = (QueueSubscription) source.subscribe("orders", received);
        RecordedEvent event = persistence.append(StreamKey.of("orders", "123"),
                ExpectedVersion.any(), List.of(NewEvent.of("PLACED", Map.of()))).events().get(0);

        // when: a standard topic does not deduplicate, so both copies reach the queue
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.snsConfig(topic))) {
            publisher.publish(List.of(event));
            publisher.publish(List.of(event));
        }

        // then: once both copies are gone from the queue, the subscriber has had the event once
        assertThat(received.awaitCount(1)).containsExactly(event);
        assertThat(aws.awaitDrained(subscription.queueUrl())).isTrue();
        assertThat(received.events()).containsExactly(event);
    }

    @Test
    void aStoredPayloadReachesTheSubscriberAsTheStoredTextEvenNearlyAsDeepAsTheStoreAllows() {
        // given: 999 levels of payload, which the notification's own two levels take past Jackson's default limit
        String topic = aws.createTopic(true);
        SqsSubscriptionSource source = source(aws.sqsConfig(topic).build());
        Collector received = new Collector();
        source.subscribe("orders", received);
        String deep = "[".repeat(999) + "]".repeat(999);
        String money = "{\"amount\":100.00,\"rate\":0.1000000000000000000000000001}";
        RecordedEvent first = stored(1, deep);
        RecordedEvent second = stored(2, money);

        // when
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.snsConfig(topic))) {
            publisher.publish(List.of(first, second));
        }

        // then: both arrive, in order, each payload the very text stored
        List<RecordedEvent> events = received.awaitCount(2);
        assertThat(events).extracting(RecordedEvent::eventId).containsExactly(first.eventId(), second.eventId());
        assertThat(events.get(0).payloadJson()).isEqualTo(deep);
        assertThat(events.get(1).payloadJson()).isEqualTo(money);
    }

    @Test
    void aMessageThatCannotBeDecodedStaysOnTheQueueForRedelivery() {
        // given: a consumer group's queue, which stays when its subscription closes
        String topic = aws.createTopic(false);
        SqsConfig config = aws.sqsConfig(topic).consumerGroup("g" + UUID.randomUUID().toString().substring(0, 8))
                .build();
        SqsSubscriptionSource source = source(config);
        Collector received = new Collector();
        QueueSubscription subscription = (QueueSubscription) source.subscribe("orders", received);
        String queueUrl = subscription.queueUrl();
        resources.add(() -> aws.sqs.deleteQueue(b -> b.queueUrl(queueUrl)));

        // when: the subscription received a message that is no notification
        aws.sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"not\":\"a notification\"}"));
        assertThat(aws.awaitInFlight(queueUrl)).isTrue();
        subscription.close();

        // then: it is still there
        List<Message> left = aws.receive(queueUrl, 1);
        assertThat(left).extracting(Message::body).containsExactly("{\"not\":\"a notification\"}");
        assertThat(received.events()).isEmpty();
    }

    @Test
    void aMessageThatCannotBeDecodedIsDeadLetteredOnceReceivedTheAllowedNumberOfTimes() {
        // given
        String topic = aws.createTopic(true);
        String aggregation = "orders-" + UUID.randomUUID();
        SqsConfig config = aws.sqsConfig(topic).maxDeliveryAttempts(2).build();
        SqsSubscriptionSource source = source(config);
        Collector received = new Collector();
        QueueSubscription subscription = (QueueSubscription) source.subscribe(aggregation, received);
        String damaged = "{\"event\":{\"eventId\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"sequence\":1,\"payl";

        // when
        aws.sqs.sendMessage(b -> b.queueUrl(subscription.queueUrl()).messageBody(damaged)
                .messageGroupId("g").messageDeduplicationId("d"));

        // then: moved, not deleted, and gone from the subscription's queue
        List<Message> deadLetters = aws.awaitDeadLetters(aggregation, config, 1);
        assertThat(deadLetters).extracting(Message::body).containsExactly(damaged);
        assertThat(deadLetters.get(0).messageAttributes().get("sourceQueue").stringValue())
                .isEqualTo(subscription.queueName());
        assertThat(deadLetters.get(0).messageAttributes().get("reason").stringValue())
                .startsWith("not an event notification: not valid JSON at character");
        assertThat(aws.awaitDrained(subscription.queueUrl())).isTrue();
        assertThat(received.events()).isEmpty();
    }

    @Test
    void aMessageWithDamagedMetadataIsDeadLetteredWithoutQuotingItAndItsStreamGoesOn() {
        // given: a FIFO subscription giving up after 2 receives
        String topic = aws.createTopic(true);
        String aggregation = "orders-" + UUID.randomUUID();
        SqsConfig config = aws.sqsConfig(topic).maxDeliveryAttempts(2).build();
        SqsSubscriptionSource source = source(config);
        Collector received = new Collector();
        QueueSubscription subscription = (QueueSubscription) source.subscribe(aggregation, received);
        StreamKey stream = StreamKey.of(aggregation, "123");
        String damaged = "{\"event\":{\"eventId\":\"" + UUID.randomUUID() + "\",\"sequence\":1,\"eventType\":\"PAID\","
                + "\"commitTimestamp\":\"2024-05-01T10:15:30Z\",\"metadata\":{\"headers\":{\"hunter2\":7}},"
                + "\"payload\":{}},\"stream\":{\"aggregation\":\"" + aggregation + "\",\"id\":\"123\"}}";

        // when: the damaged message, then the stream's next event, in the stream's message group
        aws.sqs.sendMessage(b -> b.queueUrl(subscription.queueUrl()).messageBody(damaged)
                .messageGroupId(stream.asString()).messageDeduplicationId("damaged"));
        RecordedEvent next = persistence.append(stream, ExpectedVersion.any(),
                List.of(NewEvent.of("SENT", Map.of()).withMetadata(METADATA))).events().get(0);
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.snsConfig(topic))) {
            publisher.publish(List.of(next));
        }

        // then
        assertThat(received.awaitCount(1)).containsExactly(next);
        List<Message> deadLetters = aws.awaitDeadLetters(aggregation, config, 1);
        assertThat(deadLetters).extracting(Message::body).containsExactly(damaged);
        assertThat(deadLetters.get(0).messageAttributes().get("reason").stringValue())
                .startsWith("not an event notification: event.metadata is not event metadata")
                .doesNotContain("hunter2");
    }

    @Test
    void closingASubscriptionReturnsOnlyOnceItsPollerStoppedEvenDuringALongPoll() {
        // given: a subscription in a long poll of 20 seconds
        String topic = aws.createTopic(false);
        SqsSubscriptionSource source = source(aws.sqsConfig(topic).waitTime(Duration.ofSeconds(20))
                .socketTimeout(Duration.ofSeconds(30)).build());
        QueueSubscription subscription = (QueueSubscription) source.subscribe("orders", new Collector());
        Thread poller = poller(subscription);
        assertThat(aws.awaitLongPoll(poller)).isTrue();

        // when
        subscription.close();

        // then
        assertThat(poller.isAlive()).isFalse();
    }

    @Test
    void closingTheSourceReturnsOnlyOnceEveryPollerStopped() {
        // given
        String topic = aws.createTopic(true);
        SqsSubscriptionSource source = new SqsSubscriptionSource(aws.sqsConfig(topic)
                .waitTime(Duration.ofSeconds(20)).socketTimeout(Duration.ofSeconds(30)).build(), persistence);
        List<Thread> pollers = new ArrayList<>();
        for (String aggregation : List.of("orders", "invoices", "parcels")) {
            pollers.add(poller((QueueSubscription) source.subscribe(aggregation, new Collector())));
        }
        pollers.forEach(poller -> assertThat(aws.awaitLongPoll(poller)).isTrue());

        // when
        source.close();

        // then
        assertThat(pollers).noneMatch(Thread::isAlive);
    }

    @Test
    void closingASourceOnTheCallersClientsWaitsForTheLongPollToEnd() {
        // given: clients the source cannot abort a call of
        String topic = aws.createTopic(false);
        SqsSubscriptionSource source = new SqsSubscriptionSource(aws.sqs, aws.sns,
                aws.sqsConfig(topic).waitTime(Duration.ofSeconds(5)).build(), persistence);
        QueueSubscription subscription = (QueueSubscription) source.subscribe("orders", new Collector());
        Thread poller = poller(subscription);
        assertThat(aws.awaitLongPoll(poller)).isTrue();

        // when
        source.close();

        // then
        assertThat(poller.isAlive()).isFalse();
        assertThat(aws.sqs.listQueues(b -> b.queueNamePrefix(subscription.queueName())).queueUrls()).isEmpty();
    }

    @Test
    void closingASubscriptionUnsubscribesAndDeletesItsQueue() {
        // given
        String topic = aws.createTopic(false);
        SqsSubscriptionSource source = source(aws.sqsConfig(topic).build());
        QueueSubscription subscription = (QueueSubscription) source.subscribe("orders", new Collector());
        assertThat(aws.sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions()).hasSize(1);

        // when
        subscription.close();
        subscription.close();

        // then
        assertThat(aws.sqs.listQueues(b -> b.queueNamePrefix(subscription.queueName())).queueUrls()).isEmpty();
        assertThat(aws.sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void aConsumerGroupsQueueOutlivesItsSubscriberAndKeepsWhatWasCommittedMeanwhile() {
        // given
        String topic = aws.createTopic(true);
        SqsConfig config = aws.sqsConfig(topic).consumerGroup("billing").build();
        DefaultEventStore store = store(topic, config);
        Subscription first = store.subscribe("orders", new Collector());
        first.close();

        // when
        RecordedEvent committed = store.getEventStream("orders", "123").addEvent("PLACED", Map.of());
        Collector next = new Collector();
        QueueSubscription second = (QueueSubscription) store.subscribe("orders", next);

        // then
        assertThat(next.awaitCount(1)).containsExactly(committed);
        assertThat(second.queueName()).isEqualTo(((QueueSubscription) first).queueName());
        second.close();
        aws.sqs.deleteQueue(b -> b.queueUrl(second.queueUrl()));
    }

    @Test
    void closingTheSourceClosesItsSubscriptionsAndRefusesNewOnes() {
        // given
        String topic = aws.createTopic(false);
        SqsSubscriptionSource source = source(aws.sqsConfig(topic).build());
        QueueSubscription subscription = (QueueSubscription) source.subscribe("orders", new Collector());

        // when
        source.close();

        // then
        assertThat(aws.sqs.listQueues(b -> b.queueNamePrefix(subscription.queueName())).queueUrls()).isEmpty();
        assertThatThrownBy(() -> source.subscribe("orders", new Collector()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void subscribingThroughAnUnreachableEndpointFailsWithTheStoresExceptionAndNoAwsType() throws IOException {
        // given
        SqsConfig config = aws.sqsConfig("arn:aws:sns:us-east-1:123456789012:orders")
                .endpointUrl("http://127.0.0.1:" + closedLoopbackPort())
                .maxRetries(0)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        SqsSubscriptionSource source = source(config);

        // when / then
        assertThatThrownBy(() -> source.subscribe("orders", new Collector()))
                .isInstanceOf(EventStoreUnavailableException.class)
                .hasMessageContaining("Subscribing queue test-orders-")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(t.getClass().getName()).doesNotStartWith("software.amazon");
                    }
                });
    }

    @Test
    void theGuiceModulesWireAStoreThatDeliversEvenAnOversizedEvent() {
        // given
        String topic = aws.createTopic(false);
        Injector injector = Guice.createInjector(
                new EventStoreModule(),
                new SnsEventPublisherModule(aws.snsConfig(topic)),
                new SqsSubscriptionModule(aws.sqsConfig(topic).build()),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(EventPersistence.class).toInstance(persistence);
                    }
                });
        DefaultEventStore store = injector.getInstance(DefaultEventStore.class);
        resources.add(store);
        Collector received = new Collector();
        store.subscribe("orders", received);

        // when
        RecordedEvent big =
                store.getEventStream("orders", "123").addEvent("SCANNED", Map.of("image", "x".repeat(300_000)));

        // then
        assertThat(injector.getInstance(EventPublisher.class)).isInstanceOf(SnsEventPublisher.class);
        assertThat(injector.getInstance(SubscriptionSource.class)).isInstanceOf(SqsSubscriptionSource.class)
                .isSameAs(injector.getInstance(SubscriptionSource.class));
        assertThat(received.awaitCount(1)).containsExactly(big);
    }

    @Test
    void theGuiceModulesGiveTheTelemetryTheInjectorBindsToTheClientsAndTheDeliveries() {
        // given
        RecordingTelemetry telemetry = new RecordingTelemetry();
        String topic = aws.createTopic(false);
        SqsConfig config = aws.sqsConfig(topic).build();
        Injector injector = Guice.createInjector(
                new EventStoreModule(),
                new SnsEventPublisherModule(aws.snsConfig(topic)),
                new SqsSubscriptionModule(config),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(EventPersistence.class).toInstance(persistence);
                        OptionalBinder.newOptionalBinder(binder(), StoreTelemetry.class).setBinding()
                                .toInstance(telemetry);
                    }
                });
        DefaultEventStore store = injector.getInstance(DefaultEventStore.class);
        resources.add(store);
        Collector received = new Collector();
        store.subscribe("orders", received);

        // when
        store.getEventStream("orders", "123").addEvent("PLACED", Map.of());

        // then
        assertThat(received.awaitCount(1)).hasSize(1);
        assertThat(telemetry.awsRequests()).extracting(AwsRequest::service, AwsRequest::operation)
                .contains(tuple("SQS", "CreateQueue"), tuple("SNS", "Subscribe"), tuple("SNS", "Publish"));
    }

    private static final EventMetadata METADATA = EventMetadata.correlatedWith("order-42")
            .withCausationId("cmd-7").withHeader("tenant", "acme").withHeader("user.name", "Zo\u00eb");

    private DefaultEventStore store(String topic) {
        return store(topic, aws.sqsConfig(topic).build());
    }

    private DefaultEventStore store(String topic, SqsConfig config) {
        DefaultEventStore store = new DefaultEventStore(persistence, new SnsEventPublisher(aws.snsConfig(topic)),
                new SqsSubscriptionSource(config, persistence));
        resources.add(store);
        return store;
    }

    private SqsSubscriptionSource source(SqsConfig config) {
        SqsSubscriptionSource source = new SqsSubscriptionSource(config, persistence);
        resources.add(source);
        return source;
    }

    /** An event as read from storage, whose payload is the stored text. */
    private static RecordedEvent stored(long sequence, String payloadJson) {
        return RecordedEvent.withPayloadJson("orders", "123", sequence, UUID.randomUUID(), "PLACED", payloadJson,
                Instant.parse("2024-05-01T10:15:30Z"));
    }

    /** The thread polling the subscription's queue. */
    private static Thread poller(QueueSubscription subscription) {
        String name = "eventstream-sqs-" + subscription.queueName();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
