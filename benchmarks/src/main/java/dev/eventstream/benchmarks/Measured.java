package dev.eventstream.benchmarks;

import java.util.Collection;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * One benchmark at one thread count, over every measured iteration of all its forks: operations per second and,
 * where the benchmark counts them, DynamoDB requests per operation.
 */
record Measured(String benchmark, int threads, ListStatistics scores, ListStatistics requestsPerOperation) {
    /** JMH's confidence level for its error column. */
    private static final double CONFIDENCE = 0.999;

    static Measured of(String benchmark, int threads, Collection<RunResult> runs) {
        ListStatistics scores = new ListStatistics();
        ListStatistics requests = new ListStatistics();
        for (RunResult run : runs) {
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    double score = iteration.getPrimaryResult().getScore();
                    scores.addValue(score);
                    Result<?> counted = iteration.getSecondaryResults().get("requests");
                    Result<?> operations = iteration.getSecondaryResults().get("operations");
                    if (counted != null && operations != null && operations.getScore() > 0) {
                        requests.addValue(counted.getScore() / operations.getScore());
                    }
                }
            }
        }
        if (scores.getN() == 0) {
            throw new IllegalStateException(benchmark + " at " + threads + " threads measured nothing");
        }
        return new Measured(benchmark, threads, scores, requests);
    }

    /** Mean operations per second. */
    double score() {
        return scores.getMean();
    }

    /** Half the width of the 99.9% confidence interval of {@link #score()}, as JMH reports it. */
    double error() {
        return scores.getN() > 1 ? scores.getMeanErrorAt(CONFIDENCE) : Double.NaN;
    }

    /** Mean requests per operation, NaN when not counted. */
    double requests() {
        return requestsPerOperation.getN() == 0 ? Double.NaN : requestsPerOperation.getMean();
    }

    /** This score over {@code other}'s, with the range their confidence intervals allow. */
    Ratio over(Measured other) {
        return new Ratio(score() / other.score(), (score() - error()) / (other.score() + other.error()),
                (score() + error()) / (other.score() - other.error()));
    }

    /** A ratio of two scores; {@code low} and {@code high} bound it by both scores' confidence intervals. */
    record Ratio(double value, double low, double high) {}
}
