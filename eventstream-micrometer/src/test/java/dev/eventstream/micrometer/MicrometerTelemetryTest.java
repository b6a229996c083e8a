package dev.eventstream.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationKind;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Operations and counts as meters, called through the port directly. */
class MicrometerTelemetryTest {
    private static final StreamKey STREAM = new StreamKey("orders", "1");

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final MicrometerTelemetry telemetry = new MicrometerTelemetry(registry);

    @Test
    void anOperationIsTimedByOutcomeAndCountsItsEvents() {
        // when
        Operation append = telemetry.start(OperationStart.append(STREAM));
        clock.add(Duration.ofMillis(3));
        append.events(2);
        append.version(2);
        append.end(Outcome.COMMITTED);

        // then
        Timer timer = registry.get("eventstream.append").timer();
        assertThat(timer.getId().getTags()).containsExactly(Tag.of("outcome", "committed"));
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
        assertThat(timer.getId().getDescription()).isNotBlank();
        Counter events = registry.get("eventstream.append.events").counter();
        assertThat(events.getId().getTags()).containsExactly(Tag.of("outcome", "committed"));
        assertThat(events.count()).isEqualTo(2.0);
        assertThat(append.context()).isEmpty();
    }

    @Test
    void aTargetIsATagAndTheStreamIsNot() {
        // when
        telemetry.start(OperationStart.readStream(STREAM)).end(Outcome.SUCCESS);
        Operation feed = telemetry.start(OperationStart.readFeed());
        feed.events(0);
        feed.end(Outcome.FAILED, new IllegalStateException("down"));

        // then
        assertThat(registry.get("eventstream.read").timers()).extracting(t -> t.getId().getTags())
                .containsExactlyInAnyOrder(
                        List.of(Tag.of("outcome", "success"), Tag.of("source", "stream")),
                        List.of(Tag.of("outcome", "failed"), Tag.of("source", "feed")));
        assertThat(registry.get("eventstream.read.events").counter().getId().getTags())
                .containsExactly(Tag.of("outcome", "failed"), Tag.of("source", "feed"));
    }

    @Test
    void anOperationWithoutEventsMovesNoEventsCounter() {
        // when
        telemetry.start(OperationStart.load(STREAM)).end(Outcome.SUCCESS);

        // then
        assertThat(registry.get("eventstream.load").timer().count()).isEqualTo(1);
        assertThat(registry.find("eventstream.load.events").meters()).isEmpty();
    }

    @Test
    void onlyOutcomesThatOccurredAreRegisteredAndEachOnce() {
        // when
        for (int i = 0; i < 3; i++) {
            Operation append = telemetry.start(OperationStart.append(new StreamKey("orders", "s" + i)));
            append.events(1);
            append.end(i == 2 ? Outcome.CONFLICT : Outcome.COMMITTED);
        }

        // then
        assertThat(registry.get("eventstream.append").tag("outcome", "committed").timer().count()).isEqualTo(2);
        assertThat(registry.get("eventstream.append").tag("outcome", "conflict").timer().count()).isEqualTo(1);
        assertThat(registry.get("eventstream.append").timers()).hasSize(2);
        assertThat(registry.get("eventstream.append.events").tag("outcome", "committed").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void anOperationEndedTwiceCountsOnce() {
        // when
        Operation append = telemetry.start(OperationStart.append(STREAM));
        append.end(Outcome.COMMITTED);
        append.end(Outcome.FAILED);

        // then
        assertThat(registry.get("eventstream.append").timers()).singleElement()
                .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
    }

    @Test
    void commonTagsAreOnEveryMeter() {
        // given
        MicrometerTelemetry tagged = new MicrometerTelemetry(registry, Tags.of("store", "orders"));

        // when
        tagged.start(new OperationStart(OperationKind.PUBLISH, "topic", null, List.of())).end(Outcome.SUCCESS);
        tagged.count(Meter.RETRIES, 1, "append");
        tagged.gauge(Meter.PUBLICATIONS_PENDING, () -> 4);

        // then
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter ->
                assertThat(meter.getId().getTags()).contains(Tag.of("store", "orders")));
    }

    @Test
    void aCountIsACounterWithTheMetersKeysUnitAndDescription() {
        // when
        telemetry.count(Meter.RETRIES, 1, "append");
        telemetry.count(Meter.RETRIES, 2, "append");
        telemetry.count(Meter.RETRIES, 1, "lease");
        telemetry.count(Meter.SQS_DEAD_LETTERS, 1, "orders-queue");

        // then
        Counter append = registry.get("eventstream.retries").tag("operation", "append").counter();
        assertThat(append.count()).isEqualTo(3.0);
        assertThat(append.getId().getTags()).containsExactly(Tag.of("operation", "append"));
        assertThat(append.getId().getDescription()).isEqualTo(Meter.RETRIES.description());
        assertThat(registry.get("eventstream.retries").tag("operation", "lease").counter().count()).isEqualTo(1.0);
        Counter deadLetters = registry.get("eventstream.sqs.dead.letters").counter();
        assertThat(deadLetters.getId().getTags()).containsExactly(Tag.of("queue", "orders-queue"));
        assertThat(deadLetters.getId().getBaseUnit()).isEqualTo("messages");
    }

    @Test
    void aCountKeepsItsTagValuesThoughTheCallerReusesTheArray() {
        // given
        String[] values = {"DynamoDB", "PutItem", "success"};
        telemetry.count(Meter.AWS_REQUESTS, 1, values);

        // when
        values[1] = "Query";
        telemetry.count(Meter.AWS_REQUESTS, 1, values);
        telemetry.count(Meter.AWS_REQUESTS, 1, "DynamoDB", "PutItem", "success");

        // then
        assertThat(registry.get("eventstream.aws.requests").tag("operation", "PutItem").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("eventstream.aws.requests").tag("operation", "Query").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void tagValuesThatDoNotFitAreSkippedWithoutThrowing() {
        // when
        assertThatCode(() -> {
            telemetry.count(Meter.RETRIES, 1);
            telemetry.count(Meter.RETRIES, 1, "append", "extra");
            telemetry.count(Meter.RETRIES, 1, (String) null);
            telemetry.count(Meter.RETRIES, 1, (String[]) null);
            telemetry.count(Meter.AWS_REQUESTS, 1, "DynamoDB", null, "success");
            telemetry.count(Meter.RETRIES, -1, "append");
            telemetry.count(Meter.PUBLICATIONS_PENDING, 1);
            telemetry.count(null, 1);
            telemetry.gauge(Meter.SUBSCRIPTION_LAG, () -> 1).close();
            telemetry.gauge(Meter.SUBSCRIPTION_LAG, () -> 1, "a", "b").close();
            telemetry.gauge(Meter.RETRIES, () -> 1, "append").close();
            telemetry.start(OperationStart.append(STREAM)).end(null);
        }).doesNotThrowAnyException();

        // then
        assertThat(registry.getMeters()).isEmpty();
        telemetry.count(Meter.RETRIES, 1, "append");
        assertThat(registry.get("eventstream.retries").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRegistryThatFailsDoesNotFailTheCaller() {
        // given
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
                throw new IllegalStateException("a broken filter");
            }
        });

        // then
        assertThatCode(() -> {
            Operation append = telemetry.start(OperationStart.append(STREAM));
            append.events(1);
            append.end(Outcome.COMMITTED);
            telemetry.count(Meter.RETRIES, 1, "append");
            telemetry.gauge(Meter.PUBLICATIONS_PENDING, () -> 1).close();
            telemetry.awsRequest(new AwsRequest("DynamoDB", "PutItem",
                    List.of("events"), 2, null, null, List.of(1.0)));
        }).doesNotThrowAnyException();
    }

    @Test
    void operationKindsAllHaveTimers() {
        // when
        for (OperationKind kind : OperationKind.values()) {
            telemetry.start(new OperationStart(kind, "target", null, List.of())).end(Outcome.SUCCESS);
        }

        // then
        for (OperationKind kind : OperationKind.values()) {
            Timer timer = registry.get(kind.meterName()).timer();
            assertThat(timer.getId().getTags()).hasSize(kind.targetTag() == null ? 1 : 2);
            assertThat(timer.getId().getDescription()).isNotBlank();
        }
    }
}
