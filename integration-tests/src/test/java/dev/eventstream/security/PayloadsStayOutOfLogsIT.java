package dev.eventstream.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.inmemory.InMemoryEventBus;
import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.EventTooLargeException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.testkit.CapturedOutput;
import dev.eventstream.testkit.RecordingPublisher;
import dev.eventstream.testkit.RecordingSubscriber;
import dev.eventstream.testkit.fault.FaultyEndpoint;
import dev.eventstream.testkit.moto.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Event payloads stay out of what the store logs and of the messages of what it throws: each test runs a path that
 * logs or throws with an event at hand (failed appends, a relay whose publisher fails, subscribers that throw, SNS
 * refusing a publication, SQS delivering again or getting a message it cannot read) with a payload holding a marker,
 * and finds the marker neither in the output of the JVM (every log line, at debug level for the project's loggers)
 * nor in any exception, causes and suppressed ones included.
 */
class PayloadsStayOutOfLogsIT {
    private static final String MARKER = "payload-marker-" + UUID.randomUUID();
    private static final Map<String, Object> PAYLOAD = Map.of("card", MARKER, "amount", new BigDecimal("25.50"));
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final MotoServer moto = MotoServer.shared();
    private final String aggregation = "payments-" + UUID.randomUUID().toString().substring(0, 8);
    private CapturedOutput output;

    @BeforeEach
    void captureTheOutput() {
        output = CapturedOutput.start();
        // The capture sees the binding's lines, debug ones included (simplelogger.properties of these tests).
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
        LoggerFactory.getLogger(PayloadsStayOutOfLogsIT.class).debug("capture probe");
        assertThat(output.text()).contains("capture probe");
    }

    @AfterEach
    void stopCapturing() {
        output.close();
    }

    @Test
    void appendsThatFailOnDynamoDbNameNoPayload() throws Exception {
        // given
        try (FaultyEndpoint faulty = new FaultyEndpoint(moto.endpoint());
                DefaultEventStore store = new DefaultEventStore(new DynamoDbEventPersistence(DynamoDbConfig.builder()
                        .tableName("leaks-" + UUID.randomUUID())
                        .createTable(true)
                        .feedMode(DynamoDbConfig.FeedMode.OFF)
                        .clientSettings(EmulatorClients.settings(faulty.endpoint()))
                        .maxRetries(0)
                        .build()))) {
            EventStream stream = store.getEventStream(aggregation, "p-1");
            stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("CHARGED", PAYLOAD)));

            // when
            Throwable conflict = catchThrowable(
                    () -> stream.append(ExpectedVersion.noStream(), List.of(NewEvent.of("CHARGED", PAYLOAD))));
            Throwable tooLarge = catchThrowable(() -> stream.addEvent("CHARGED", largePayload()));
            faulty.mode(FaultyEndpoint.Mode.SERVER_ERROR);
            Throwable serverError = catchThrowable(() -> stream.addEvent("CHARGED", PAYLOAD));
            faulty.mode(FaultyEndpoint.Mode.UNREACHABLE);
            Throwable unreachable = catchThrowable(() -> stream.addEvent("CHARGED", PAYLOAD));
            faulty.mode(FaultyEndpoint.Mode.PASS_THROUGH);

            // then
            assertThat(conflict).isInstanceOf(WrongExpectedVersionException.class);
            assertThat(tooLarge).isInstanceOf(EventTooLargeException.class);
            assertThat(serverError).isInstanceOf(EventStoreUnavailableException.class);
            assertThat(unreachable).isInstanceOf(EventStoreUnavailableException.class);
            assertNoMarkerIn(conflict, tooLarge, serverError, unreachable);
        }
        assertThat(output.text()).doesNotContain(MARKER);
    }

    @Test
    void aConflictInMemoryNamesNoPayload() {
        // given
        try (DefaultEventStore store = new DefaultEventStore(new InMemoryEventPersistence())) {
            EventStream stream = store.getEventStream(aggregation, "p-1");
            stream.addEvent("CHARGED", PAYLOAD);

            // when
            Throwable conflict = catchThrowable(
                    () -> stream.append(ExpectedVersion.exactly(0), List.of(NewEvent.of("CHARGED", PAYLOAD))));

            // then
            assertThat(conflict).isInstanceOf(WrongExpectedVersionException.class);
            assertNoMarkerIn(conflict);
        }
        assertThat(output.text()).doesNotContain(MARKER);
    }

    @Test
    void aRelayWhosePublisherFailsLogsNoPayload() {
        // given
        RecordingPublisher publisher = new RecordingPublisher().failing(true);
        try (DefaultEventStore store =
                DefaultEventStore.builder(new InMemoryEventPersistence()).publisher(publisher).build()) {
            // when: one event and a batch, neither of which can be published
            EventStream stream = store.getEventStream(aggregation, "p-1");
            stream.addEvent("CHARGED", PAYLOAD);
            stream.append(ExpectedVersion.exactly(1),
                    List.of(NewEvent.of("CHARGED", PAYLOAD), NewEvent.of("REFUNDED", PAYLOAD)));
            awaitUntil(() -> publisher.attempts() >= 3);

            // then
            assertThat(store.drainPublications(Duration.ofMillis(200))).isFalse();
        }
        assertThat(output.text()).contains("publisher switched off for the test").doesNotContain(MARKER);
    }

    @Test
    void aSubscriberThatThrowsInProcessLogsNoPayload() {
        // given
        RecordingSubscriber subscriber = new RecordingSubscriber(event -> {
            throw new IllegalStateException("subscriber refuses");
        });
        try (DefaultEventStore store = new DefaultEventStore(new InMemoryEventPersistence(), new InMemoryEventBus())) {
            store.subscribe(aggregation, subscriber);

            // when
            store.getEventStream(aggregation, "p-1").addEvent("CHARGED", PAYLOAD);

            // then
            subscriber.awaitArrivals(1, PATIENCE);
            awaitUntil(() -> output.text().contains("subscriber refuses"));
        }
        assertThat(output.text()).doesNotContain(MARKER);
    }

    @Test
    void aPublicationSnsRefusesNamesNoPayload() {
        // given: a publisher whose topic is gone
        String topic = createTopic();
        SnsConfig config = SnsConfig.builder(topic)
                .clientSettings(EmulatorClients.settings(moto.endpoint()))
                .maxRetries(0)
                .build();
        List<RecordedEvent> events = recorded(3);
        // Made while the topic exists: a publisher checks its topic when it starts.
        SnsEventPublisher relayPublisher = new SnsEventPublisher(config);
        try (SnsEventPublisher publisher = new SnsEventPublisher(config);
                SnsClient sns = EmulatorClients.client(SnsClient.builder(), moto.endpoint())) {
            sns.deleteTopic(b -> b.topicArn(topic));

            // when
            Throwable one = catchThrowable(() -> publisher.publish(events.subList(0, 1)));
            Throwable batch = catchThrowable(() -> publisher.publish(events));

            // then
            assertThat(one).isInstanceOf(EventStoreUnavailableException.class);
            assertThat(batch).isInstanceOf(EventStoreUnavailableException.class);
            assertNoMarkerIn(one, batch);
        }

        // when: the relay meets the same refusal
        try (DefaultEventStore store = DefaultEventStore.builder(new InMemoryEventPersistence())
                .publisher(relayPublisher)
                .build()) {
            store.getEventStream(aggregation, "p-1").addEvent("CHARGED", PAYLOAD);
            awaitUntil(() -> output.text().contains(topic + " failed"));
        }

        // then
        assertThat(output.text()).doesNotContain(MARKER);
    }

    @Test
    void aNotificationDeliveredAgainOverSqsLogsNoPayload() {
        // given: a subscriber that fails twice, then takes the event
        AtomicInteger calls = new AtomicInteger();
        RecordingSubscriber subscriber = new RecordingSubscriber(event -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("subscriber refuses");
            }
        });

        // when
        try (DefaultEventStore store = storeOverSnsAndSqs(SqsConfig.UNLIMITED_DELIVERY_ATTEMPTS)) {
            store.subscribe(aggregation, subscriber);
            store.getEventStream(aggregation, "p-1").addEvent("CHARGED", PAYLOAD);

            // then
            subscriber.awaitArrivals(3, PATIENCE);
        }
        assertThat(output.text()).contains("subscriber refuses").doesNotContain(MARKER);
    }

    @Test
    void aNotificationGivenUpOverSqsLogsNoPayload() {
        // given: a subscriber that always fails
        RecordingSubscriber subscriber = new RecordingSubscriber(event -> {
            throw new IllegalStateException("subscriber refuses");
        });

        // when
        try (DefaultEventStore store = storeOverSnsAndSqs(2)) {
            store.subscribe(aggregation, subscriber);
            store.getEventStream(aggregation, "p-1").addEvent("CHARGED", PAYLOAD);

            // then
            subscriber.awaitArrivals(2, PATIENCE);
            awaitUntil(() -> output.text().contains("Giving up event"));
        }
        assertThat(output.text()).contains("subscriber refuses").doesNotContain(MARKER);
    }

    @Test
    void aMessageOnTheTopicThatIsNoNotificationLogsNoPayload() {
        // given: someone else publishes to the topic, with the aggregation attribute but not the notification format
        String topic = createTopic();
        RecordingSubscriber subscriber = new RecordingSubscriber();
        try (DefaultEventStore store = storeOverSnsAndSqs(topic, 2);
                SnsClient sns = EmulatorClients.client(SnsClient.builder(), moto.endpoint())) {
            store.subscribe(aggregation, subscriber);

            // when
            sns.publish(b -> b.topicArn(topic)
                    .message("{\"event\": {\"payload\": {\"card\": \"" + MARKER + "\"}}}")
                    .messageAttributes(Map.of("aggregation", MessageAttributeValue.builder()
                            .dataType("String").stringValue(aggregation).build())));

            // then: the subscription said something of it, naming its queue
            awaitUntil(() -> output.text().contains("leaks-" + aggregation.substring(0, 16)));
        }
        assertThat(subscriber.arrivals()).isEmpty();
        assertThat(output.text()).doesNotContain(MARKER);
    }

    /** A store in memory that publishes to a new SNS topic on moto and subscribes through SQS queues. */
    private DefaultEventStore storeOverSnsAndSqs(int maxDeliveryAttempts) {
        return storeOverSnsAndSqs(createTopic(), maxDeliveryAttempts);
    }

    private String createTopic() {
        try (SnsClient sns = EmulatorClients.client(SnsClient.builder(), moto.endpoint())) {
            return sns.createTopic(b -> b.name("leaks-" + UUID.randomUUID())).topicArn();
        }
    }

    private DefaultEventStore storeOverSnsAndSqs(String topic, int maxDeliveryAttempts) {
        return DefaultEventStore.builder(new InMemoryEventPersistence())
                .publisher(new SnsEventPublisher(
                        SnsConfig.builder(topic).clientSettings(EmulatorClients.settings(moto.endpoint())).build()))
                .subscriptions(new SqsSubscriptionSource(SqsConfig.builder(topic)
                        .clientSettings(EmulatorClients.settings(moto.endpoint()))
                        .queueNamePrefix("leaks")
                        .waitTime(Duration.ofSeconds(1))
                        .visibilityTimeout(Duration.ofSeconds(1))
                        .maxDeliveryAttempts(maxDeliveryAttempts)
                        .build()))
                .build();
    }

    /** Events as the store records them, each with the marked payload. */
    private List<RecordedEvent> recorded(int count) {
        try (DefaultEventStore store = new DefaultEventStore(new InMemoryEventPersistence())) {
            List<NewEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(NewEvent.of("CHARGED", PAYLOAD));
            }
            return store.getEventStream(aggregation, "p-1").append(ExpectedVersion.noStream(), events).events();
        }
    }

    /** More than a DynamoDB item holds even deflated: random text, with the marker. */
    private static Map<String, Object> largePayload() {
        byte[] noise = new byte[500_000];
        new Random(7).nextBytes(noise);
        return Map.of("card", MARKER, "noise", Base64.getEncoder().encodeToString(noise));
    }

    /** Neither the message nor the string of any of {@code failures}, their causes or suppressed ones, holds it. */
    private static void assertNoMarkerIn(Throwable... failures) {
        for (Throwable failure : failures) {
            StringWriter everything = new StringWriter();
            failure.printStackTrace(new PrintWriter(everything));
            assertThat(everything.toString()).as("what %s says", failure.getClass().getSimpleName())
                    .contains(failure.getClass().getName())
                    .doesNotContain(MARKER);
        }
    }

    private static void awaitUntil(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for the path under test to run").isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
