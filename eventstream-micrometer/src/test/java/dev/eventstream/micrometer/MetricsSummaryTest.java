package dev.eventstream.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.StreamKey;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.Operation;
import dev.eventstream.core.telemetry.OperationStart;
import dev.eventstream.core.telemetry.Outcome;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The store's meters as a table for people. */
class MetricsSummaryTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final MicrometerTelemetry telemetry = new MicrometerTelemetry(registry);

    @Test
    void theStoresMetersAreOneAlignedLineEachSortedByNameThenTags() {
        // given
        append(Duration.ofMillis(1), 2, Outcome.COMMITTED);
        append(Duration.ofMillis(3), 3, Outcome.COMMITTED);
        append(Duration.ofNanos(40_000), 1, Outcome.CONFLICT);
        telemetry.count(Meter.SNAPSHOTS, 1, "miss");
        telemetry.count(Meter.SNAPSHOTS, 0, "hit");
        telemetry.count(Meter.DYNAMODB_CAPACITY, 1.25, "PutItem", "events");
        telemetry.gauge(Meter.PUBLICATIONS_PENDING, () -> 0);
        registry.counter("jvm.other").increment();

        // when
        String summary = MetricsSummary.of(registry);

        // then
        assertThat(summary).isEqualTo(String.join("\n",
                "eventstream.append                      outcome=committed               count=2  mean=2.0 ms"
                        + "  max=3.0 ms",
                "eventstream.append                      outcome=conflict                count=1  mean=40.0 \u00b5s"
                        + "  max=40.0 \u00b5s",
                "eventstream.append.events               outcome=committed               5",
                "eventstream.append.events               outcome=conflict                1",
                "eventstream.dynamodb.consumed.capacity  operation=PutItem table=events  1.25",
                "eventstream.publication.pending                                         0 events",
                "eventstream.snapshots                   result=miss                     1"));
    }

    @Test
    void aRegistryWithoutTheStoresMetersSaysSo() {
        // given
        registry.counter("eventstreamer.other").increment();

        // then
        assertThat(MetricsSummary.of(registry)).isEqualTo("no eventstream.* meters");
    }

    @Test
    void metersWithoutTagsNeedNoTagsColumn() {
        // given
        telemetry.gauge(Meter.INDEXER_LAG, () -> 1.5);

        // then
        assertThat(MetricsSummary.of(registry)).isEqualTo("eventstream.feed.indexer.lag  1.5 seconds");
    }

    private void append(Duration took, int events, Outcome outcome) {
        Operation append = telemetry.start(OperationStart.append(new StreamKey("orders", "1")));
        clock.add(took);
        append.events(events);
        append.end(outcome);
    }
}
