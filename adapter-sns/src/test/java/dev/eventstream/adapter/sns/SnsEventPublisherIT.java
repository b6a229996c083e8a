package dev.eventstream.adapter.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.Json;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.testkit.RecordingTelemetry;
import dev.eventstream.testkit.fault.FaultyEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SnsEventPublisherIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    private final MotoAws aws = new MotoAws();

    @AfterEach
    void closeClients() {
        aws.close();
    }

    @Test
    void aStandardTopicGetsTheEventWithTypedAttributesAndNoGroup() {
        // given
        String topic = aws.createTopic(false);
        String queue = aws.subscribedQueue(topic);
        RecordedEvent event = event("123", 1, Map.of("total", 42, "items", List.of("book")));

        // when
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.config(topic))) {
            publisher.publish(List.of(event));
        }

        // then
        List<Message> messages = aws.receive(queue, 1, ARRIVAL);
        assertThat(messages).hasSize(1);
        Message message = messages.get(0);
        JsonNode body = Json.parse(message.body());
        assertThat(body.path("event").path("eventId").asText()).isEqualTo(event.eventId().toString());
        assertThat(body.path("event").path("sequence").asLong()).isEqualTo(1);
        assertThat(body.path("event").path("payload")).isEqualTo(event.payload());
        assertThat(body.path("stream").path("id").asText()).isEqualTo("123");
        assertThat(message.messageAttributes()).containsOnlyKeys(
                "aggregation", "streamId", "eventType", "eventId", "sequence");
        assertThat(message.messageAttributes().get("aggregation"))
                .isEqualTo(attribute("String", "orders"));
        assertThat(message.messageAttributes().get("eventId"))
                .isEqualTo(attribute("String", event.eventId().toString()));
        assertThat(message.messageAttributes().get("sequence")).isEqualTo(attribute("Number", "1"));
        assertThat(message.attributes()).doesNotContainKey(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    }

    @Test
    void anEventsTraceparentArrivesAsAMessageAttributeAndTheDestinationIsTheTopicsName() {
        // given
        String topic = aws.createTopic(true);
        String queue = aws.subscribedQueue(topic);
        RecordedEvent traced = SnsNotificationTest.withMetadata(1, 1, EventMetadata.correlatedWith("order-42")
                .withHeader("traceparent", SnsNotificationTest.TRACEPARENT), "{\"total\":42}");
        RecordedEvent untraced = SnsNotificationTest.withMetadata(2, 1, EventMetadata.none(), "{}");

        // when
        String destination;
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.config(topic))) {
            destination = publisher.destination();
            publisher.publish(List.of(traced));
            publisher.publish(List.of(untraced));
        }

        // then
        assertThat(destination).isEqualTo(topic.substring(topic.lastIndexOf(':') + 1)).endsWith(".fifo")
                .doesNotContain(":");
        List<Message> messages = aws.receive(queue, 2, ARRIVAL);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).messageAttributes().get("traceparent"))
                .isEqualTo(attribute("String", SnsNotificationTest.TRACEPARENT));
        assertThat(messages.get(0).messageAttributes().get("correlationId"))
                .isEqualTo(attribute("String", "order-42"));
        assertThat(messages.get(1).messageAttributes()).doesNotContainKey("traceparent");
    }

    @Test
    void aPublisherWithATelemetryReportsItsSnsRequestsByTopicName() {
        // given
        String topic = aws.createTopic(false);
        RecordingTelemetry telemetry = new RecordingTelemetry();
        SnsConfig config = aws.config(topic).toBuilder().telemetry(telemetry).build();
        String name = topic.substring(topic.lastIndexOf(':') + 1);

        // when
        try (SnsEventPublisher publisher = new SnsEventPublisher(config)) {
            publisher.publish(List.of(event("123", 1, Map.of()), event("123", 2, Map.of())));
        }

        // then
        assertThat(telemetry.awsRequests()).containsExactly(
                new AwsRequest("SNS", "GetTopicAttributes", List.of(name), 1, null, null, List.of()),
                new AwsRequest("SNS", "PublishBatch", List.of(name), 1, null, null, List.of()));
    }

    @Test
    void twentyFiveEventsReachAFifoTopicCompleteInOrderInTheStreamsGroup() {
        // given
        String topic = aws.createTopic(true);
        String queue = aws.subscribedQueue(topic);
        List<RecordedEvent> events = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> event("123", i, Map.of("i", i)))
                .toList();

        // when
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.config(topic))) {
            publisher.publish(events);
        }

        // then
        List<Message> messages = aws.receive(queue, 25, ARRIVAL);
        assertThat(messages).extracting(m -> m.messageAttributes().get("eventId").stringValue())
                .containsExactlyElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
        assertThat(messages).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .containsOnly("6:orders123");
        assertThat(messages).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .containsExactlyElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
    }

    @Test
    void anOversizedNotificationArrivesFlaggedWithoutItsPayload() {
        // given
        String topic = aws.createTopic(true);
        String queue = aws.subscribedQueue(topic);
        RecordedEvent big = event("123", 1, Map.of("blob", "x".repeat(300_000)));
        RecordedEvent small = event("123", 2, Map.of("note", "after the big one"));

        // when
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.config(topic))) {
            publisher.publish(List.of(big, small));
        }

        // then
        List<Message> messages = aws.receive(queue, 2, ARRIVAL);
        assertThat(messages).hasSize(2);
        JsonNode first = Json.parse(messages.get(0).body()).path("event");
        assertThat(first.path("eventId").asText()).isEqualTo(big.eventId().toString());
        assertThat(first.path("payloadOmitted").asBoolean()).isTrue();
        assertThat(first.has("payload")).isFalse();
        assertThat(messages.get(0).messageAttributes().get("payloadOmitted")).isEqualTo(attribute("String", "true"));
        JsonNode second = Json.parse(messages.get(1).body()).path("event");
        assertThat(second.path("payload")).isEqualTo(small.payload());
        assertThat(messages.get(1).messageAttributes()).doesNotContainKey("payloadOmitted");
    }

    @Test
    void aFilterPolicyOnTheCorrelationIdSelectsAConversationWhoseEventsCarryTheirRevisionAndMetadata() {
        // given: a FIFO queue taking only conversation order-42, so the first message it gets is the first match
        String topic = aws.createTopic(true);
        String queue = aws.subscribedQueue(topic, "{\"correlationId\": [\"order-42\"]}");
        EventMetadata metadata = EventMetadata.correlatedWith("order-42").withCausationId("cmd-1")
                .withHeader("tenant", "acme");
        RecordedEvent plain = event("123", 1, Map.of("n", 1));
        RecordedEvent other = RecordedEvent.withPayloadJson("orders", "123", 2, UUID.randomUUID(), "PLACED", 1,
                "{\"n\":2}", EventMetadata.correlatedWith("order-7"), Instant.parse("2024-05-01T10:15:30Z"));
        RecordedEvent matching = RecordedEvent.withPayloadJson("orders", "123", 3, UUID.randomUUID(), "PAID", 2,
                "{\"n\":3}", metadata, Instant.parse("2024-05-01T10:15:31Z"));

        // when
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.config(topic))) {
            publisher.publish(List.of(plain, other, matching));
        }

        // then
        List<Message> messages = aws.receive(queue, 1, ARRIVAL);
        assertThat(messages).hasSize(1);
        Message message = messages.get(0);
        assertThat(message.messageAttributes().get("eventId"))
                .isEqualTo(attribute("String", matching.eventId().toString()));
        assertThat(message.messageAttributes().get("correlationId")).isEqualTo(attribute("String", "order-42"));
        assertThat(message.messageAttributes().get("causationId")).isEqualTo(attribute("String", "cmd-1"));
        assertThat(message.messageAttributes()).doesNotContainKey("tenant");
        JsonNode sent = Json.parse(message.body()).path("event");
        assertThat(sent.path("revision").asInt()).isEqualTo(2);
        assertThat(EventMetadata.fromTree(sent.path("metadata"))).isEqualTo(metadata);
    }

    @Test
    void aStoredEventTheJsonReaderCannotParseIsPublishedAsStoredAndSoIsTheNextOne() {
        // given: a stored payload with a number of 1,001 digits, beyond what the store's JSON reader parses
        String topic = aws.createTopic(true);
        String queue = aws.subscribedQueue(topic);
        String unreadable = "{\"amount\":" + "1".repeat(1_001) + ".00}";
        RecordedEvent first = RecordedEvent.withPayloadJson("orders", "123", 1, UUID.randomUUID(), "PLACED",
                unreadable, Instant.parse("2024-05-01T10:15:30Z"));
        RecordedEvent second = RecordedEvent.withPayloadJson("orders", "123", 2, UUID.randomUUID(), "PAID",
                "{\"amount\":100.00}", Instant.parse("2024-05-01T10:15:31Z"));

        // when
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.config(topic))) {
            publisher.publish(List.of(first));
            publisher.publish(List.of(second));
        }

        // then
        List<Message> messages = aws.receive(queue, 2, ARRIVAL);
        assertThat(messages).extracting(m -> m.messageAttributes().get("eventId").stringValue())
                .containsExactly(first.eventId().toString(), second.eventId().toString());
        assertThat(messages.get(0).body()).contains("\"payload\":" + unreadable + "}");
        assertThat(messages.get(1).body()).contains("\"payload\":{\"amount\":100.00}}");
    }

    @Test
    void aMissingTopicIsNoticedWhenThePublisherStartsNamingTheTopic() {
        // given
        String missing = "arn:aws:sns:us-east-1:123456789012:missing-" + UUID.randomUUID();

        // when / then
        assertThatThrownBy(() -> new SnsEventPublisher(aws.config(missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SNS topic " + missing + " does not exist")
                .hasMessageContaining("NotFound")
                .satisfies(SnsEventPublisherIT::assertNoAwsTypeInChain);
        assertThatThrownBy(() -> new SnsEventPublisher(aws.sns, aws.config(missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SNS topic " + missing + " does not exist");
    }

    @Test
    void withoutTheCheckAtStartAPublisherOnAMissingTopicStartsOfflineAndEachPublishFailsRetryablyNamingTheTopic()
            throws IOException {
        // given: a topic that does not exist, behind an endpoint that answers nothing
        String missing = "arn:aws:sns:us-east-1:123456789012:missing-" + UUID.randomUUID();
        try (FaultyEndpoint sns = new FaultyEndpoint(aws.moto.endpoint())) {
            sns.mode(FaultyEndpoint.Mode.UNREACHABLE);
            SnsConfig config = aws.config(missing).toBuilder().endpointUrl(sns.endpoint()).checkTopicAtStart(false)
                    .build();

            // when: it starts without asking SNS; then SNS answers again
            try (SnsEventPublisher publisher = new SnsEventPublisher(config)) {
                sns.mode(FaultyEndpoint.Mode.PASS_THROUGH);

                // then
                assertThat(config.checkTopicAtStart()).isFalse();
                assertThat(config.toBuilder().build().checkTopicAtStart()).isFalse();
                assertThatThrownBy(() -> publisher.publish(List.of(event("123", 1, Map.of()))))
                        .isInstanceOf(EventStoreUnavailableException.class)
                        .hasMessageContaining(missing)
                        .hasMessageContaining("NotFound")
                        .satisfies(SnsEventPublisherIT::assertNoAwsTypeInChain);
            }
        }
    }

    @Test
    void startingWhileSnsIsUnreachableFailsRetryablyWithTheStoresExceptionAndNoAwsType() throws IOException {
        // given
        SnsConfig config = aws.config("arn:aws:sns:us-east-1:123456789012:orders").toBuilder()
                .endpointUrl("http://127.0.0.1:" + closedLoopbackPort())
                .maxRetries(1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();

        // when / then
        assertThatThrownBy(() -> new SnsEventPublisher(config))
                .isInstanceOf(EventStoreUnavailableException.class)
                .hasMessageContaining("Checking SNS topic arn:aws:sns:us-east-1:123456789012:orders")
                .satisfies(e -> assertThat(((EventStoreUnavailableException) e).isRetryable()).isTrue())
                .satisfies(SnsEventPublisherIT::assertNoAwsTypeInChain);
    }

    @Test
    void publishingWhileSnsIsUnreachableFailsWithTheStoresExceptionAndNoAwsType() throws IOException {
        // given
        String topic = aws.createTopic(false);
        try (FaultyEndpoint sns = new FaultyEndpoint(aws.moto.endpoint());
                SnsEventPublisher publisher = new SnsEventPublisher(aws.config(topic).toBuilder()
                        .endpointUrl(sns.endpoint())
                        .maxRetries(1)
                        .connectTimeout(Duration.ofSeconds(1))
                        .build())) {
            // when
            sns.mode(FaultyEndpoint.Mode.UNREACHABLE);

            // then
            assertThatThrownBy(() -> publisher.publish(List.of(event("123", 1, Map.of()))))
                    .isInstanceOf(EventStoreUnavailableException.class)
                    .hasMessageContaining("SNS publish of event")
                    .satisfies(e -> assertThat(((EventStoreUnavailableException) e).isRetryable()).isTrue())
                    .satisfies(SnsEventPublisherIT::assertNoAwsTypeInChain);
            assertThatThrownBy(() -> publisher.publish(List.of(event("123", 1, Map.of()), event("123", 2, Map.of()))))
                    .isInstanceOf(EventStoreUnavailableException.class)
                    .hasMessageContaining("SNS batch publish of sequences 1..2 of stream orders/123")
                    .satisfies(SnsEventPublisherIT::assertNoAwsTypeInChain);
        }
    }

    @Test
    void aTopicDeletedAfterTheStartFailsEachPublishRetryablyNamingTheAwsError() {
        // given
        String topic = aws.createTopic(false);
        try (SnsEventPublisher publisher = new SnsEventPublisher(aws.config(topic))) {
            // when
            aws.sns.deleteTopic(b -> b.topicArn(topic));

            // then
            assertThatThrownBy(() -> publisher.publish(List.of(event("123", 1, Map.of()))))
                    .isInstanceOf(EventStoreUnavailableException.class)
                    .hasMessageContaining("NotFound")
                    .satisfies(SnsEventPublisherIT::assertNoAwsTypeInChain);
        }
    }

    @Test
    void aPublisherOnTheCallersClientLeavesItOpenAndRefusesWorkOnceClosed() {
        // given
        String topic = aws.createTopic(false);
        SnsEventPublisher publisher = new SnsEventPublisher(aws.sns, aws.config(topic));

        // when
        publisher.close();

        // then
        assertThatThrownBy(() -> publisher.publish(List.of(event("123", 1, Map.of()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThat(aws.sns.listTopics().topics()).isNotEmpty();
    }

    @Test
    void theGuiceModuleBindsASingletonPublisherThatClosesItsClient() {
        // given
        String topic = aws.createTopic(false);
        String queue = aws.subscribedQueue(topic);
        Injector injector = Guice.createInjector(new SnsEventPublisherModule(aws.config(topic)));

        // when
        EventPublisher publisher = injector.getInstance(EventPublisher.class);
        publisher.publish(List.of(event("123", 1, Map.of())));
        publisher.close();

        // then
        assertThat(publisher).isInstanceOf(SnsEventPublisher.class)
                .isSameAs(injector.getInstance(EventPublisher.class));
        assertThat(aws.receive(queue, 1, ARRIVAL)).hasSize(1);
        SnsClient client =
                injector.getInstance(Key.get(SnsClient.class, SnsEventPublisherModule.PublisherClient.class));
        assertThatThrownBy(client::listTopics).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theGuiceModuleGivesThePublishersClientTheTelemetryTheInjectorBinds() {
        // given
        String topic = aws.createTopic(false);
        RecordingTelemetry telemetry = new RecordingTelemetry();
        Injector injector = Guice.createInjector(new SnsEventPublisherModule(aws.config(topic)),
                binder -> OptionalBinder.newOptionalBinder(binder, StoreTelemetry.class).setBinding()
                        .toInstance(telemetry));

        // when
        EventPublisher publisher = injector.getInstance(EventPublisher.class);
        publisher.publish(List.of(event("123", 1, Map.of())));
        publisher.close();

        // then
        assertThat(telemetry.awsRequests()).extracting(AwsRequest::operation)
                .containsExactly("GetTopicAttributes", "Publish");
    }

    static RecordedEvent event(String streamId, long sequence, Object payload) {
        return new RecordedEvent("orders", streamId, sequence, UUID.randomUUID(), "PLACED",
                Json.toTree(payload, "payload"), Instant.parse("2024-05-01T10:15:30Z"));
    }

    private static MessageAttributeValue attribute(String type, String value) {
        return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
    }

    private static void assertNoAwsTypeInChain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.getClass().getName()).doesNotStartWith("software.amazon");
            for (Throwable suppressed : t.getSuppressed()) {
                assertThat(suppressed.getClass().getName()).doesNotStartWith("software.amazon");
            }
        }
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
