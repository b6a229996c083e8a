/**
 * The store's telemetry as OpenTelemetry spans: {@link dev.eventstream.opentelemetry.OpenTelemetryTracing}, given to
 * {@code DefaultEventStore.builder(...).telemetry(...)}, traces appends, reads, loads, publications and deliveries,
 * and carries each append's trace context with its events to the subscribers that handle them.
 */
@NullMarked
package dev.eventstream.opentelemetry;

import org.jspecify.annotations.NullMarked;
