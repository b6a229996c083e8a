package dev.eventstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A smoke pass of the telemetry probe: both instrumented sides measured, every span exported; never a time. */
class TelemetryProbeTest {

    @Test
    void measuresBothInstrumentedSidesAndExportsASpanPerAppend() {
        // when: one warm-up round and two measured, one chunk a side each
        String report = TelemetryProbe.run(new AppendProbe.Settings(1, 2, 1));

        // then: 3 rounds of one 1,000-append chunk on the traced side, one span per append
        assertThat(report).contains("| metrics | ", "| metrics-and-traces | ")
                .contains("spans exported: 3,000");
    }
}
