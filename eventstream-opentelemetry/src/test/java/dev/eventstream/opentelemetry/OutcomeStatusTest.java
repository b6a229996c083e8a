package dev.eventstream.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.ExceptionEventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How an operation's outcome sets its span's status. */
class OutcomeStatusTest {
    private static final StreamKey ORDER = new StreamKey("orders", "order-1");

    private final TestTracing otel = new TestTracing();
    private final OpenTelemetryTracing tracing = otel.tracing;

    @AfterEach
    void close() {
        otel.close();
    }

    @Test
    void aFailureIsAnErrorWithItsException() {
        // given
        RuntimeException failure = new UncheckedIOException("storage unreachable", new IOException());

        // when
        tracing.start(OperationStart.append(ORDER)).end(Outcome.FAILED, failure);

        // then
        SpanData span = otel.span("eventstream.append");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SpanAttributes.OUTCOME)).isEqualTo("failed");
        assertThat(span.getAttributes().get(SpanAttributes.ERROR_TYPE)).isEqualTo("java.io.UncheckedIOException");
        assertThat(span.getEvents()).singleElement().isInstanceOfSatisfying(ExceptionEventData.class,
                event -> assertThat(event.getException()).isSameAs(failure));
    }

    @Test
    void aFailureWithoutExceptionIsAnErrorOfNoParticularType() {
        // when
        tracing.start(OperationStart.load(ORDER)).end(Outcome.FAILED);

        // then
        SpanData span = otel.span("eventstream.load");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SpanAttributes.ERROR_TYPE)).isEqualTo("_OTHER");
        assertThat(span.getEvents()).isEmpty();
    }

    @Test
    void aRejectionIsAnError() {
        // when
        tracing.start(OperationStart.append(ORDER)).end(Outcome.REJECTED, new IllegalArgumentException("too large"));

        // then
        SpanData span = otel.span("eventstream.append");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SpanAttributes.OUTCOME)).isEqualTo("rejected");
        assertThat(span.getAttributes().get(SpanAttributes.ERROR_TYPE))
                .isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void aConflictAndAnIdempotentRepeatAreNotErrors() {
        // when
        tracing.start(OperationStart.append(ORDER))
                .end(Outcome.CONFLICT, new WrongExpectedVersionException(ORDER, ExpectedVersion.exactly(5), 3));
        tracing.start(OperationStart.append(ORDER)).end(Outcome.IDEMPOTENT);

        // then
        assertThat(otel.spans()).extracting(s -> s.getAttributes().get(SpanAttributes.OUTCOME))
                .containsExactly("conflict", "idempotent");
        assertThat(otel.spans()).allSatisfy(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(span.getAttributes().get(SpanAttributes.ERROR_TYPE)).isNull();
            assertThat(span.getEvents()).isEmpty();
        });
    }

    @Test
    void successIsUnset() {
        // when
        tracing.start(OperationStart.readFeed()).end(Outcome.SUCCESS);

        // then
        SpanData span = otel.span("eventstream.read feed");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getAttributes().get(SpanAttributes.ERROR_TYPE)).isNull();
    }

    @Test
    void endingTwiceEndsOnce() {
        // given
        Operation append = tracing.start(OperationStart.append(ORDER));

        // when
        append.end(Outcome.COMMITTED);
        append.end(Outcome.FAILED, new IllegalStateException("late"));

        // then
        assertThat(otel.span("eventstream.append").getAttributes().get(SpanAttributes.OUTCOME))
                .isEqualTo("committed");
    }
}
