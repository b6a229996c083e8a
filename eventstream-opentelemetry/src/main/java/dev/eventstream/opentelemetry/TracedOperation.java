package dev.eventstream.opentelemetry;

import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.Outcome;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One operation's span, current on its thread from its start to its end. What the operation tells along the way
 * (its events, version, AWS requests) is kept in fields and set on the span once, when it ends.
 */
final class TracedOperation implements Operation {
    private final Span span;
    private final OperationKind kind;
    private final TextMapPropagator propagator;
    private final DroppedFailures failures;
    private final Thread thread = Thread.currentThread();
    private final AwsCalls aws = new AwsCalls();
    private @Nullable Scope scope;
    private int events = -1;
    private long version = -1;
    /** Volatile: requests may be reported from a thread the operation's context was carried to. */
    private volatile boolean ended;

    TracedOperation(Span span, OperationKind kind, TextMapPropagator propagator, DroppedFailures failures) {
        this.span = span;
        this.kind = kind;
        this.propagator = propagator;
        this.failures = failures;
    }

    /** Makes {@code context} (this operation's span in it) current until {@link #end}. */
    void open(Context context) {
        scope = context.makeCurrent();
    }

    @Override
    public void events(int count) {
        events = count;
    }

    @Override
    public void version(long version) {
        this.version = version;
    }

    /**
     * The span's own context, injected: the span, not the thread's current context, so that no baggage is stored
     * in events for good. A valid span that is not sampled is injected too, its trace flags saying so, so that the
     * processes handling its events keep the sampling decision.
     */
    @Override
    public Map<String, String> context() {
        Map<String, String> headers = new HashMap<>();
        try {
            if (span.getSpanContext().isValid()) {
                propagator.inject(Context.root().with(span), headers, HeaderCarrier.INSTANCE);
            }
        } catch (RuntimeException | LinkageError e) {
            failures.drop("Operation.context", e);
            headers.clear();
        }
        return headers;
    }

    /** Adds {@code request} to what this operation's span tells; nothing once it ended. */
    void add(AwsRequest request) {
        if (ended) {
            return;
        }
        aws.add(request);
        if (request.throttleReason() != null && span.isRecording()) {
            // An event, not an attribute: it says when, and an operation may be throttled more than once.
            span.addEvent("throttled", Attributes.of(SpanAttributes.AWS_OPERATION, request.operation(),
                    SpanAttributes.THROTTLE_REASON, request.throttleReason()));
        }
    }

    @Override
    public void end(Outcome outcome, @Nullable Throwable failure) {
        if (ended) {
            return;
        }
        ended = true;
        try {
            closeScope();
            if (span.isRecording()) {
                describe(outcome, failure);
            }
        } catch (RuntimeException | LinkageError e) {
            failures.drop("Operation.end", e);
        } finally {
            endSpan();
        }
    }

    /**
     * Closes the scope on the thread that opened it. Closed on another thread, it would put the opening thread's
     * earlier context on that other thread; left open, it stays on the opening thread, the lesser harm.
     */
    private void closeScope() {
        Scope opened = scope;
        scope = null;
        if (opened == null) {
            return;
        }
        if (Thread.currentThread() == thread) {
            opened.close();
        } else {
            failures.drop("Operation.end", new IllegalStateException("an operation started on " + thread.getName()
                    + " ended on " + Thread.currentThread().getName() + "; its span stays current there"));
        }
    }

    private void describe(@Nullable Outcome outcome, @Nullable Throwable failure) {
        if (outcome != null) {
            span.setAttribute(SpanAttributes.OUTCOME, outcome.tag());
        }
        if (events >= 0) {
            span.setAttribute(SpanAttributes.EVENTS, events);
            if (kind == OperationKind.PUBLISH && events > 1) {
                span.setAttribute(SpanAttributes.MESSAGING_BATCH_COUNT, events);
            }
        }
        if (version >= 0) {
            span.setAttribute(SpanAttributes.VERSION, version);
        }
        aws.applyTo(span);
        if (Outcomes.isError(outcome, failure)) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(SpanAttributes.ERROR_TYPE, Outcomes.errorType(failure));
            if (failure != null) {
                span.recordException(failure);
            }
        }
    }

    private void endSpan() {
        try {
            span.end();
        } catch (RuntimeException | LinkageError e) {
            failures.drop("Operation.end", e);
        }
    }
}
