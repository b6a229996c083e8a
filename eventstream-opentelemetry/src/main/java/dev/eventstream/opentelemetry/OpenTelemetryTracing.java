package dev.eventstream.opentelemetry;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.StoreTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The store's telemetry as OpenTelemetry spans: {@code DefaultEventStore.builder(persistence)
 * .telemetry(new OpenTelemetryTracing(openTelemetry))}, or {@code StoreTelemetry.of(micrometer, tracing)} for
 * metrics besides. Traces only: {@link #count} and {@link #gauge} do nothing, metrics being
 * {@code eventstream-micrometer}'s part.
 *
 * <h2>Spans</h2>
 *
 * <p>Each operation of the store is a span named after its kind, its target following when it has one
 * ({@code eventstream.append}, {@code eventstream.read feed}, {@code eventstream.publish orders-topic},
 * {@code eventstream.process projector}), current on the store's thread from its start to its end:
 * <ul>
 *   <li>appends, reads and loads are {@code CLIENT} spans, children of the span current when the application
 *       called the store;</li>
 *   <li>a publication is a {@code PRODUCER} span, child of the trace its first event carries, linked to the trace
 *       of every event it publishes ({@code messaging.destination.name}, {@code messaging.operation.type send},
 *       {@code messaging.batch.message_count});</li>
 *   <li>a delivery to a subscriber, through {@code subscribe} or a catch-up subscription, is a {@code CONSUMER}
 *       span, child of the trace its event carries ({@code messaging.destination.name} is the queue or the
 *       consumer group), so that one trace runs from the request that appended the event to each projection that
 *       handled it, in whichever process. A span current besides, when the event carries a trace, is linked.</li>
 * </ul>
 * Every span tells the stream ({@code eventstream.aggregation}, {@code eventstream.stream.id}: span attributes,
 * unlike metric tags, may name streams), the events and version the operation reached ({@code eventstream.events},
 * {@code eventstream.version}) and its outcome ({@code eventstream.outcome}: {@code committed}, {@code conflict},
 * ...). A failed operation has the status ERROR, its exception recorded and {@code error.type} its class's fully
 * qualified name; so has a rejected one ({@code rejected}: the caller's input was refused). A conflict and an
 * idempotent repeat keep the status unset: they are answers the store gives as it should, not failures of it.
 *
 * <p>The AWS requests the adapters report within an operation are added to its span as it ends: their count
 * ({@code eventstream.aws.requests}), for DynamoDB {@code db.system.name aws.dynamodb}, the tables
 * ({@code aws.dynamodb.table_names}) and the capacity units consumed, summed, as
 * {@code eventstream.dynamodb.consumed_capacity} (the convention's {@code aws.dynamodb.consumed_capacity} holds
 * DynamoDB's JSON answers, which the adapters do not pass on); for SNS and SQS {@code messaging.system}. A
 * throttled request is an event {@code throttled} on the span. Requests go to the innermost open operation of this
 * instance, never to another instrumentation's span.
 *
 * <h2>Trace context in events</h2>
 *
 * <p>An append stores its span's context, as the configured propagator writes it ({@code traceparent} with W3C
 * Trace Context), in each event's metadata headers; the metadata travels in the notification's body, and the
 * subscriber side hands the headers back as the delivery's cause. The span's context alone is injected, never
 * the baggage of the thread's context: events keep their headers for good. A context that is not sampled is
 * injected as well, its flags carrying the decision to the subscribers.
 *
 * <h2>With the OpenTelemetry Java agent</h2>
 *
 * <p>Give the agent's {@code GlobalOpenTelemetry.get()}. The store makes spans for its own operations only, never
 * for single AWS requests: the agent's AWS SDK instrumentation makes those, and since the store's operation span
 * is current while the adapters call the SDK, the request spans nest under it (an append's PutItem or
 * TransactWriteItems, a publication's Publish or PublishBatch). Nothing is traced twice.
 *
 * <p>With {@code otel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging=true} the agent also
 * writes its configured propagator's headers into the message attributes of SNS {@code Publish} requests (not
 * {@code PublishBatch}) and of SQS sends, with the context of its own request span, replacing an attribute of the
 * same name: a {@code traceparent} attribute the store set would name the agent's Publish span instead of the
 * append, and consumers reading the attribute rather than the event's metadata would continue that span (in the
 * same trace, one level down; a notification published in a batch would carry no such attribute). The store's own
 * subscribers read the event's metadata from the message body, so they continue the append either way: the
 * option is not needed for the store's traces, and leaving it off keeps one trace context per notification.
 *
 * <p>Thread-safe. No method throws: a failure of the tracing is logged (the first as a warning, the others at
 * debug level) and the store's work goes on. With {@code OpenTelemetry.noop()} it costs a few allocations per
 * operation.
 */
public final class OpenTelemetryTracing implements StoreTelemetry {
    /** The instrumentation scope of the spans. */
    static final String SCOPE_NAME = "dev.eventstream";

    private final OperationSpans spans;
    private final TextMapPropagator propagator;
    /**
     * The innermost open operation of this instance in a context: where AWS requests go. A key per instance, so
     * that two tracings side by side each see their own operations.
     */
    private final ContextKey<TracedOperation> openOperation = ContextKey.named("eventstream-operation");
    private final DroppedFailures failures = new DroppedFailures();

    /** Traces through {@code openTelemetry}'s tracer provider and text map propagator. */
    public OpenTelemetryTracing(OpenTelemetry openTelemetry) {
        requireNonNull(openTelemetry, "openTelemetry is null");
        TracerBuilder tracer = openTelemetry.tracerBuilder(SCOPE_NAME);
        String version = OpenTelemetryTracing.class.getPackage().getImplementationVersion();
        if (version != null) {
            tracer.setInstrumentationVersion(version);
        }
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.spans = new OperationSpans(tracer.build(), propagator);
    }

    /** Starts the operation's span and makes it current on this thread until the operation ends. */
    @Override
    public Operation start(OperationStart start) {
        @Nullable Span span = null;
        try {
            Context current = Context.current();
            span = spans.start(start, current);
            TracedOperation operation = new TracedOperation(span, start.kind(), propagator, failures);
            operation.open(current.with(span).with(openOperation, operation));
            return operation;
        } catch (RuntimeException | LinkageError e) {
            failures.drop("StoreTelemetry.start", e);
            if (span != null) {
                endQuietly(span); // Started but never made current: it must not stay open.
            }
            return Operation.NONE;
        }
    }

    private void endQuietly(Span span) {
        try {
            span.end();
        } catch (RuntimeException | LinkageError e) {
            failures.drop("StoreTelemetry.start", e);
        }
    }

    /** Does nothing: counters are metrics. */
    @Override
    public void count(Meter meter, double amount, String... tagValues) {}

    /** Does nothing: gauges are metrics. */
    @Override
    public Registration gauge(Meter meter, DoubleSupplier value, String... tagValues) {
        return Registration.NONE;
    }

    /** Adds {@code request} to the innermost open operation of this instance; nothing when none is open. */
    @Override
    public void awsRequest(AwsRequest request) {
        try {
            TracedOperation operation = Context.current().get(openOperation);
            if (operation != null) {
                operation.add(request);
            }
        } catch (RuntimeException | LinkageError e) {
            failures.drop("StoreTelemetry.awsRequest", e);
        }
    }

    @Override
    public String toString() {
        return "OpenTelemetryTracing";
    }
}
