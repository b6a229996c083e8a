package dev.eventstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.benchmarks.BenchmarkMain.Pair;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.util.ListStatistics;

/** The summary says plainly which targets a run met and which it did not. */
class ReportTest {
    private static final BenchmarkMain.Settings SETTINGS = new BenchmarkMain.Settings(2, 5, 3, 5, 100_000,
            Path.of("summary.md"));

    @Test
    void aLibraryBelowNinetyPercentOfTheRawSdkMissesTheTarget() {
        // given
        Report report = new Report(SETTINGS);
        report.append(new Pair(measured("libraryAddEvent", 1.0, 85, 85, 85), measured("rawPutItem", 1.0, 100, 100, 100)));
        report.read(new Pair(measured("libraryGetEvents", 1.0, 95, 95, 95), measured("rawQuery", 1.0, 100, 100, 100)));

        // when
        String summary = report.render();

        // then
        assertThat(summary).contains("| single-writer `addEvent` library/raw >= 0.9 | 0.85 (0.85 to 0.85) | **no** |");
        assertThat(summary).contains("| `getEvents()` library/raw >= 0.9 | 0.95 (0.95 to 0.95) | yes |");
    }

    @Test
    void requestsAboveTheFloorMissTheTarget() {
        // given
        Report report = new Report(SETTINGS);
        report.append(new Pair(measured("libraryAddEvent", 2.0, 100, 100), measured("rawPutItem", 1.0, 100, 100)));
        report.history(new Pair(measured("loadWithSnapshots", 2.0, 50, 50), measured("loadWithoutSnapshots", 3.0, 4, 4)));

        // when
        String summary = report.render();

        // then
        assertThat(summary).contains("| `addEvent`: 1 write request per single-event append | 2.00 requests/op | **no** |");
        assertThat(summary).contains("| `loadFromHistory()` with snapshots: at most 2 requests | 2.00 requests/op | yes |");
        assertThat(summary).contains("| `loadFromHistory()` with snapshots >= 10x faster than without | 12.50x | yes |");
    }

    @Test
    void aLazyReadGrowingTheHeapBy32MegabytesMissesTheTarget() {
        // given
        Report report = new Report(SETTINGS);
        long mb = 1024 * 1024;
        report.heap(List.of(new HeapMeasurement.Reading("lazy", 100_000, 1, 10 * mb, 42 * mb, 25, 9_000)));

        // when
        String summary = report.render();

        // then
        assertThat(summary).contains("| lazy read of 100000 events: peak heap growth < 32 MB | 32.00 MB | **no** |");
    }

    private static Measured measured(String benchmark, double requestsPerOperation, double... scores) {
        ListStatistics statistics = new ListStatistics();
        ListStatistics requests = new ListStatistics();
        for (double score : scores) {
            statistics.addValue(score);
            requests.addValue(requestsPerOperation);
        }
        return new Measured(benchmark, 1, statistics, requests);
    }
}
