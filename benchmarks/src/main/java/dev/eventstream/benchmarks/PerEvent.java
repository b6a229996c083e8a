package dev.eventstream.benchmarks;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * An average-time benchmark whose every call reads one event: microseconds per event over every measured iteration
 * of all its forks.
 */
record PerEvent(String operation, ListStatistics micros) {
    static PerEvent of(String operation, Collection<RunResult> runs) {
        ListStatistics micros = new ListStatistics();
        Measured.forEachIteration(runs, iteration -> micros.addValue(iteration.getPrimaryResult().getScore()));
        return new PerEvent(operation, micros);
    }

    double mean() {
        return micros.getMean();
    }

    /** Half the width of the 99.9% confidence interval of {@link #mean()}. */
    double error() {
        return Measured.errorOf(micros);
    }
}
