/**
 * What the store tells about its work: the {@link dev.eventstream.core.telemetry.StoreTelemetry} port, its timed
 * {@link dev.eventstream.core.telemetry.Operation}s and its {@link dev.eventstream.core.telemetry.Meter}s. The
 * modules {@code eventstream-micrometer} and {@code eventstream-opentelemetry} implement it; nothing here depends on
 * either.
 */
@NullMarked
package dev.eventstream.core.telemetry;

import org.jspecify.annotations.NullMarked;
