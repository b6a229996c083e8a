package dev.eventstream.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventStore;
import dev.eventstream.core.telemetry.StoreTelemetry;
import dev.eventstream.micrometer.MicrometerTelemetry;
import dev.eventstream.testkit.RecordingTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The store's telemetry from the application's meter registry and OpenTelemetry, in memory. */
class EventStreamTelemetryAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EventStreamTelemetryAutoConfiguration.class, EventStreamAutoConfiguration.class));

    @Test
    void theApplicationsMeterRegistryGetsTheStoresMeters() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(StoreTelemetry.class)).isInstanceOf(MicrometerTelemetry.class);

            context.getBean(EventStore.class).getEventStream("orders", "1").addEvent("PLACED", Map.of());

            assertThat(context.getBean(MeterRegistry.class).get("eventstream.append").tag("outcome", "committed")
                    .timer().count()).isEqualTo(1);
        });
    }

    @Test
    void theApplicationsOpenTelemetryGetsTheStoresSpans() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        runner.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider
                .builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()).run(context -> {
                    assertThat(context).hasNotFailed();

                    context.getBean(EventStore.class).getEventStream("orders", "1").addEvent("PLACED", Map.of());

                    assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                            .contains("eventstream.append");
                });
    }

    @Test
    void withNeitherTheStoreRecordsNothing() {
        runner.run(context -> assertThat(context.getBean(StoreTelemetry.class)).isSameAs(StoreTelemetry.none()));
    }

    @Test
    void withoutTheMicrometerModuleARegistryIsLeftAlone() {
        runner.withClassLoader(new FilteredClassLoader("dev.eventstream.micrometer"))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(StoreTelemetry.class)).isSameAs(StoreTelemetry.none());
                });
    }

    @Test
    void anApplicationsOwnTelemetryIsTheOneUsed() {
        RecordingTelemetry own = new RecordingTelemetry();
        runner.withBean(StoreTelemetry.class, () -> own).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    context.getBean(EventStore.class).getEventStream("orders", "1").addEvent("PLACED", Map.of());

                    assertThat(context.getBean(StoreTelemetry.class)).isSameAs(own);
                    assertThat(own.operations()).isNotEmpty();
                });
    }
}
