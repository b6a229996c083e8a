package dev.eventstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.util.ListStatistics;

/** The summary says plainly which targets a run met and which it did not. */
class ReportTest {
    private static final BenchmarkMain.Settings SETTINGS =
            new BenchmarkMain.Settings(3, 4, 5, 4, 3, 2, 100_000, 10, 250, 10, 2, 1, "", Path.of("summary.md"));
    private static final long MB = 1024 * 1024;

    @Test
    void aLibraryBelowItsTargetRatioMissesTheTarget() {
        // given
        Report report = new Report(SETTINGS);
        report.append(comparison(1.0, 1.0, 94, 100));
        report.read(comparison(1.0, 1.0, 95, 100));
        report.readWithPayloads(comparison(1.0, 1.0, 80, 100));

        // when
        String summary = report.render();

        // then
        // Appends are held to 95% of hand-written appends.
        assertThat(summary)
                .contains("| single-writer `addEvent` library/hand-written >= 0.95 | 0.94 ± 0.00 | **no** |");
        assertThat(summary).contains("| `getEvents()` library/raw >= 0.9 | 0.95 ± 0.00 | yes |");
        assertThat(summary)
                .containsPattern("\\| the same, then every payload as a JSON tree .*\\| 0\\.80 ± 0\\.00 \\|");
    }

    @Test
    void requestsAboveTheFloorMissTheTarget() {
        // given
        Report report = new Report(SETTINGS);
        report.append(comparison(2.0, 1.0, 100, 100));
        report.history(comparison(2.0, 3.0, 50, 4));

        // when
        String summary = report.render();

        // then
        assertThat(summary)
                .contains("| `addEvent`: 1 write request per single-event append | 2.00 requests/op | **no** |")
                .contains("| `loadFromHistory()` with snapshots: at most 2 requests | 2.00 requests/op | yes |");
        assertThat(summary)
                .contains("| `loadFromHistory()` with snapshots >= 10x faster than without | 12.50 ± 0.00x | yes |");
    }

    @Test
    void aLazyReadGrowingTheHeapBy32MegabytesMissesTheTarget() {
        // given
        Report report = new Report(SETTINGS);
        report.heap(List.of(new HeapMeasurement.Reading("lazy", 100_000, 1, 10 * MB, 42 * MB, 25, 9_000)), 25);

        // when
        String summary = report.render();

        // then
        assertThat(summary).contains("| lazy read of 100000 events: peak heap growth < 32 MB | 32.00 MB | **no** |");
        assertThat(summary)
                .contains("| lazy read of 100000 events: 1 request per 1 MB page | 25 requests, raw Query 25 | yes |");
    }

    @Test
    void aFeedReadBelowEightyPercentOrASlowSubscriberMissesItsTarget() {
        // given
        Report report = new Report(SETTINGS);
        report.feedRead(comparison(111, 101, 79, 100));
        long[] latencies = new long[100];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = (i + 1) * 10_000L;
        }
        report.feedLatency(new FeedLatency.Result(100, 10, latencies, latencies, latencies,
                Map.of("PutItem (feed table)", latencies)));

        // when
        String summary = report.render();

        // then
        assertThat(summary).containsPattern("\\| `readFeed\\(1, all\\)` of 10000 events.*\\| 0\\.79 ± 0\\.00 \\|"
                + " 111\\.00 \\| 101\\.00 \\|");
        assertThat(summary).contains("| `readFeed` of 10000 events library/raw >= 0.8 | 0.79 ± 0.00 | **no** |");
        assertThat(summary).contains("| append returned -> subscriber called | 500 ms | 900 ms | 990 ms | 1000 ms |");
        assertThat(summary).contains("| append to catch-up subscriber on moto, in-process indexer: p99 < 500 ms"
                + " | 990 ms | **no** |");
        assertThat(summary).contains("| PutItem (feed table) | 100 | 500.0 ms | 900.0 ms | 990.0 ms |");
    }

    @Test
    void aSlowUpcastOrSlowerCurrentRevisionReadsMissTheirTargets() {
        // given
        Report report = new Report(SETTINGS);
        report.perEvent(perEvent("upcastOneStep", 2.5));
        report.perEvent(perEvent("upcastThreeSteps", 5.0));
        report.perEvent(perEvent("currentRevision", 9.0));
        report.typedRead("getEvents", comparison(0, 0, 94, 100));
        report.typedRead("getEventsPayloadJson", comparison(0, 0, 96, 100));

        // when
        String summary = report.render();

        // then
        // The slowest upcast decides; a current-revision read, not upcast, is not held to 5 µs.
        assertThat(summary).contains("| < 5 µs per upcast event (`EventTypes.read` + `event()`) | upcastOneStep"
                + " 2.50 ± 0.00 µs, upcastThreeSteps 5.00 ± 0.00 µs | **no** |");
        assertThat(summary).contains("| current-revision reads unchanged: `getEvents()`, events counted, with/without"
                + " types >= 0.95 | 0.94 ± 0.00 | **no** |");
        assertThat(summary).contains("| current-revision reads unchanged: `getEvents()`, every `payloadJson()`,"
                + " with/without types >= 0.95 | 0.96 ± 0.00 | yes |");
        assertThat(summary).contains("| the same, current revision (no upcaster applies) | 9.00 ± 0.00 |");
    }

    private static PerEvent perEvent(String operation, double micros) {
        ListStatistics values = new ListStatistics();
        for (int i = 0; i < 3; i++) {
            values.addValue(micros);
        }
        return new PerEvent(operation, values);
    }

    /** Three iterations, each with the same scores and requests per operation. */
    private static Comparison comparison(double libraryRequests, double rawRequests, double libraryScore,
            double rawScore) {
        ListStatistics ratios = new ListStatistics();
        for (int i = 0; i < 3; i++) {
            ratios.addValue(libraryScore / rawScore);
        }
        return new Comparison(measured("library", libraryScore, libraryRequests),
                measured("raw", rawScore, rawRequests), ratios, ratios, ratios);
    }

    private static Measured measured(String operation, double score, double requestsPerOperation) {
        ListStatistics scores = new ListStatistics();
        ListStatistics requests = new ListStatistics();
        for (int i = 0; i < 3; i++) {
            scores.addValue(score);
            requests.addValue(requestsPerOperation);
        }
        return new Measured(operation, 1, scores, requests);
    }
}
