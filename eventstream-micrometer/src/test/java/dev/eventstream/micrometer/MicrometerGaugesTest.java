package dev.eventstream.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry.Registration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Levels as gauges, until their registration closes, shared by stores reporting the same one. */
class MicrometerGaugesTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerTelemetry telemetry = new MicrometerTelemetry(registry);

    @Test
    void aGaugeReadsItsSupplierUntilClosed() {
        // given
        AtomicInteger pending = new AtomicInteger(3);
        Registration registration = telemetry.gauge(Meter.PUBLICATIONS_PENDING, pending::get);

        // when
        pending.set(5);

        // then
        Gauge gauge = registry.get("eventstream.publication.pending").gauge();
        assertThat(gauge.value()).isEqualTo(5.0);
        assertThat(gauge.getId().getTags()).isEmpty();
        assertThat(gauge.getId().getBaseUnit()).isEqualTo("events");
        assertThat(gauge.getId().getDescription()).isEqualTo(Meter.PUBLICATIONS_PENDING.description());
        registration.close();
        assertThat(registry.find("eventstream.publication.pending").gauge()).isNull();
        registration.close(); // A second close does nothing.
    }

    @Test
    void aGaugeIsTaggedByTheMetersKeys() {
        // when
        telemetry.gauge(Meter.SUBSCRIPTION_LAG, () -> 2.5, "projector");

        // then
        Gauge lag = registry.get("eventstream.subscription.lag").gauge();
        assertThat(lag.getId().getTags()).containsExactly(Tag.of("group", "projector"));
        assertThat(lag.value()).isEqualTo(2.5);
    }

    @Test
    void twoRegistrationsOfOneGaugeAreSummedAndEachOutlivesTheOthersClose() {
        // given
        Registration first = telemetry.gauge(Meter.PUBLICATIONS_PENDING, () -> 2);
        Registration second = telemetry.gauge(Meter.PUBLICATIONS_PENDING, () -> 3);

        // then
        assertThat(registry.get("eventstream.publication.pending").gauges()).hasSize(1);
        assertThat(registry.get("eventstream.publication.pending").gauge().value()).isEqualTo(5.0);
        first.close();
        first.close(); // Closing one registration twice must not end the other's.
        assertThat(registry.get("eventstream.publication.pending").gauge().value()).isEqualTo(3.0);
        second.close();
        assertThat(registry.find("eventstream.publication.pending").gauge()).isNull();
    }

    @Test
    void twoLagsOfOneGroupTellTheGreatest() {
        // when
        telemetry.gauge(Meter.SUBSCRIPTION_LAG, () -> 4, "projector");
        telemetry.gauge(Meter.SUBSCRIPTION_LAG, () -> 9, "projector");
        telemetry.gauge(Meter.SUBSCRIPTION_LAG, () -> 1, "mailer");

        // then
        assertThat(registry.get("eventstream.subscription.lag").tag("group", "projector").gauge().value())
                .isEqualTo(9.0);
        assertThat(registry.get("eventstream.subscription.lag").tag("group", "mailer").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    void aFailingSupplierLeavesTheOthersReported() {
        // given
        telemetry.gauge(Meter.PUBLICATIONS_PARKED, () -> {
            throw new IllegalStateException("closed");
        });

        // then
        assertThat(registry.get("eventstream.publication.parked").gauge().value()).isNaN();
        telemetry.gauge(Meter.PUBLICATIONS_PARKED, () -> 1);
        assertThat(registry.get("eventstream.publication.parked").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aGaugeRegisteredAgainAfterItsLastCloseIsReportedAgain() {
        // given
        telemetry.gauge(Meter.INDEXER_LAG, () -> 7).close();

        // when
        telemetry.gauge(Meter.INDEXER_LAG, () -> 8);

        // then
        assertThat(registry.get("eventstream.feed.indexer.lag").gauge().value()).isEqualTo(8.0);
    }
}
