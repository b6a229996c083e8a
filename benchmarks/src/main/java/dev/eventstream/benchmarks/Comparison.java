package dev.eventstream.benchmarks;

import java.util.Collection;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * The two sides of a {@link Paired} benchmark and their ratio, taken per iteration (both sides of one iteration ran
 * interleaved, under the same conditions) and averaged over the iterations of all forks.
 *
 * @param library the library's side: its operations per second as if it ran alone on the benchmark's threads
 * @param raw the raw SDK's side (for loadFromHistory: the store without snapshots)
 * @param ratios library over raw, one value per iteration
 * @param libraryCpuMicros the calling thread's CPU time per library operation, in microseconds, per iteration
 * @param rawCpuMicros the same for the raw side
 */
record Comparison(Measured library, Measured raw, ListStatistics ratios, ListStatistics libraryCpuMicros,
        ListStatistics rawCpuMicros) {

    static Comparison of(String library, String raw, int threads, Collection<RunResult> runs) {
        ListStatistics libraryRates = new ListStatistics();
        ListStatistics rawRates = new ListStatistics();
        ListStatistics libraryRequests = new ListStatistics();
        ListStatistics rawRequests = new ListStatistics();
        ListStatistics ratios = new ListStatistics();
        ListStatistics libraryCpu = new ListStatistics();
        ListStatistics rawCpu = new ListStatistics();
        Measured.forEachIteration(runs, iteration -> {
            double libraryRate = rate(iteration, "library", threads);
            double rawRate = rate(iteration, "raw", threads);
            libraryRates.addValue(libraryRate);
            rawRates.addValue(rawRate);
            ratios.addValue(libraryRate / rawRate);
            libraryRequests.addValue(counter(iteration, "libraryRequests") / counter(iteration, "libraryOperations"));
            rawRequests.addValue(counter(iteration, "rawRequests") / counter(iteration, "rawOperations"));
            libraryCpu.addValue(counter(iteration, "libraryCpuNanos") / counter(iteration, "libraryOperations") / 1e3);
            rawCpu.addValue(counter(iteration, "rawCpuNanos") / counter(iteration, "rawOperations") / 1e3);
        });
        return new Comparison(new Measured(library, threads, libraryRates, libraryRequests),
                new Measured(raw, threads, rawRates, rawRequests), ratios, libraryCpu, rawCpu);
    }

    /**
     * Operations per second of one side on {@code threads} threads: each thread completes one operation per mean
     * time an operation of that side took.
     */
    private static double rate(IterationResult iteration, String side, int threads) {
        double operations = counter(iteration, side + "Operations");
        double seconds = counter(iteration, side + "Nanos") / 1e9;
        return threads * operations / seconds;
    }

    private static double counter(IterationResult iteration, String name) {
        Result<?> result = iteration.getSecondaryResults().get(name);
        if (result == null) {
            throw new IllegalStateException("the benchmark reported no " + name + "; is it a Paired benchmark?");
        }
        return result.getScore();
    }

    double ratio() {
        return ratios.getMean();
    }

    /** Half the width of the 99.9% confidence interval of {@link #ratio()}. */
    double ratioError() {
        return Measured.errorOf(ratios);
    }

    int threads() {
        return library.threads();
    }
}
