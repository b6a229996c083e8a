package dev.eventstream.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.Subscription;
import dev.eventstream.aws.AwsClientSettings;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.micrometer.MicrometerTelemetry;
import dev.eventstream.opentelemetry.OpenTelemetryTracing;
import dev.eventstream.testkit.Await;
import dev.eventstream.testkit.moto.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * One trace from the command that appended to the subscriber that handled the event, through DynamoDB, the feed's
 * notifications group, SNS and SQS on moto; and the meters that moved on the way.
 */
class TraceFromAppendToSubscriberIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final MotoServer moto = MotoServer.shared();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StoreTelemetry telemetry = StoreTelemetry.of(new MicrometerTelemetry(registry),
            new OpenTelemetryTracing(otel));
    private final String table = "traced-" + UUID.randomUUID();
    private DefaultEventStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        tracerProvider.close();
    }

    @Test
    void theSubscriberHandlesTheEventInTheTraceOfTheCommandThatAppendedIt() {
        // given
        AwsClientSettings aws = EmulatorClients.settings(moto.endpoint()).toBuilder().telemetry(telemetry).build();
        String topicArn;
        try (SnsClient sns = EmulatorClients.client(SnsClient.builder(), moto.endpoint())) {
            topicArn = sns.createTopic(b -> b.name("traced-" + UUID.randomUUID())).topicArn();
        }
        DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(DynamoDbConfig.builder()
                .tableName(table).createTable(true).feedMode(FeedMode.IN_PROCESS).clientSettings(aws).build());
        SqsSubscriptionSource subscriptions = new SqsSubscriptionSource(SqsConfig.builder(topicArn)
                .clientSettings(aws).waitTime(Duration.ofSeconds(1)).build(), persistence);
        store = DefaultEventStore.builder(persistence)
                .publisher(new SnsEventPublisher(SnsConfig.builder(topicArn).clientSettings(aws).build()))
                .subscriptions(subscriptions).telemetry(telemetry).build();
        List<SpanContext> handledIn = new CopyOnWriteArrayList<>();
        List<RecordedEvent> handled = new CopyOnWriteArrayList<>();
        Subscription subscription = store.subscribe("orders", event -> {
            handledIn.add(Span.current().getSpanContext());
            handled.add(event);
        });

        // when: a command, traced by the application, appends
        Span command = otel.getTracer("orders-service").spanBuilder("PlaceOrder").startSpan();
        try (Scope ignored = command.makeCurrent()) {
            store.getEventStream("orders", "o-1").addEvent("PLACED", Map.of("item", "book"));
        } finally {
            command.end();
        }

        // then
        Await.until(DEADLINE, () -> "the event handled", () -> !handled.isEmpty());
        subscription.close();
        String traceId = command.getSpanContext().getTraceId();
        assertThat(handledIn.get(0).getTraceId()).as("the subscriber's span is in the command's trace")
                .isEqualTo(traceId);
        SpanData append = only("eventstream.append");
        assertThat(append.getParentSpanId()).isEqualTo(command.getSpanContext().getSpanId());
        assertThat(append.getAttributes().asMap().toString()).contains("aws.dynamodb", table);
        assertThat(handled.get(0).metadata().header("traceparent"))
                .hasValueSatisfying(header -> assertThat(header).contains(traceId, append.getSpanId()));
        Await.until(DEADLINE, () -> "the publication's span", () -> !named("eventstream.publish").isEmpty());
        SpanData publish = named("eventstream.publish").get(0);
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getLinks()).extracting(LinkData::getSpanContext)
                .anySatisfy(link -> assertThat(link.getSpanId()).isEqualTo(append.getSpanId()));
        Await.until(DEADLINE, () -> "the delivery's span", () -> !named("eventstream.process").isEmpty());
        SpanData process = named("eventstream.process").get(0);
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(traceId);
        assertThat(process.getParentSpanId()).isEqualTo(append.getSpanId());

        assertThat(registry.get("eventstream.append").tag("outcome", "committed").timer().count()).isEqualTo(1);
        assertThat(registry.get("eventstream.publish").tag("outcome", "success").timer().count()).isPositive();
        assertThat(registry.get("eventstream.process").tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("eventstream.dynamodb.consumed.capacity").tag("table", table).counters())
                .as("DynamoDB reported capacity for the table").isNotEmpty()
                .allSatisfy(counter -> assertThat(counter.count()).isPositive());
        assertThat(registry.get("eventstream.aws.requests").tag("service", "SNS").counters()).isNotEmpty();
        assertThat(registry.get("eventstream.aws.requests").tag("service", "SQS").counters()).isNotEmpty();
    }

    private SpanData only(String name) {
        List<SpanData> named = named(name);
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.get(0);
    }

    private List<SpanData> named(String prefix) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().startsWith(prefix)).toList();
    }
}
