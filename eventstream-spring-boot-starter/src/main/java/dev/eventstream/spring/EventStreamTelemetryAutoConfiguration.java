package dev.eventstream.spring;

import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.micrometer.MicrometerTelemetry;
import dev.eventstream.opentelemetry.OpenTelemetryTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store's {@link StoreTelemetry}, from what the application has: Micrometer meters in its {@link MeterRegistry}
 * when {@code eventstream-micrometer} is on the class path, OpenTelemetry spans through its {@link OpenTelemetry}
 * bean when {@code eventstream-opentelemetry} is, both when both are, nothing otherwise. An application's own
 * {@code StoreTelemetry} bean replaces it. The beans are looked up when the telemetry is made, so the order of the
 * auto-configurations that make the registry and the {@code OpenTelemetry} does not matter.
 */
@AutoConfiguration(before = EventStreamAutoConfiguration.class)
public class EventStreamTelemetryAutoConfiguration {

    /** One tool's share of the telemetry. */
    record TelemetryPart(StoreTelemetry telemetry) {}

    @Bean
    @ConditionalOnMissingBean(StoreTelemetry.class)
    StoreTelemetry eventStreamTelemetry(ObjectProvider<TelemetryPart> parts) {
        return StoreTelemetry.of(parts.orderedStream().map(TelemetryPart::telemetry).toArray(StoreTelemetry[]::new));
    }

    /** Meters, when the application has Micrometer and a registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.eventstream.micrometer.MicrometerTelemetry",
            "io.micrometer.core.instrument.MeterRegistry"})
    static class Metrics {
        @Bean
        TelemetryPart eventStreamMetrics(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry meters = registry.getIfUnique();
            return new TelemetryPart(meters == null ? StoreTelemetry.none() : new MicrometerTelemetry(meters));
        }
    }

    /** Spans, when the application has OpenTelemetry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.eventstream.opentelemetry.OpenTelemetryTracing",
            "io.opentelemetry.api.OpenTelemetry"})
    static class Tracing {
        @Bean
        TelemetryPart eventStreamTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
            OpenTelemetry otel = openTelemetry.getIfUnique();
            return new TelemetryPart(otel == null ? StoreTelemetry.none() : new OpenTelemetryTracing(otel));
        }
    }
}
