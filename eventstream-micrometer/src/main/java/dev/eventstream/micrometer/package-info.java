/**
 * The store's telemetry as Micrometer meters: {@link dev.eventstream.micrometer.MicrometerTelemetry} turns the
 * {@link dev.eventstream.core.telemetry.StoreTelemetry} port's operations, counts, levels and AWS requests into
 * timers, counters and gauges of a {@link io.micrometer.core.instrument.MeterRegistry};
 * {@link dev.eventstream.micrometer.MetricsSummary} prints them for people. {@code docs/observability.md} lists
 * the meters.
 */
@NullMarked
package dev.eventstream.micrometer;

import org.jspecify.annotations.NullMarked;
