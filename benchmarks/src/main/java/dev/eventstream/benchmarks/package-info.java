/**
 * JMH benchmarks of the event store: the in-memory adapter, and the DynamoDB adapter side by side with the raw
 * AWS SDK doing the same minimal work on a dynalite engine started on a loopback port. {@link
 * dev.eventstream.benchmarks.BenchmarkMain} runs them all and prints the summary that docs/PERFORMANCE.md holds.
 */
@NullMarked
package dev.eventstream.benchmarks;

import org.jspecify.annotations.NullMarked;
