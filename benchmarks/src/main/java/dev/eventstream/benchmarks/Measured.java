package dev.eventstream.benchmarks;

import java.util.Collection;
import java.util.function.Consumer;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * One operation at one thread count, over every measured iteration of all its forks: operations per second and,
 * where counted, DynamoDB requests per operation.
 */
record Measured(String operation, int threads, ListStatistics operationsPerSecond,
        ListStatistics requestsPerOperation) {
    /** JMH's confidence level for its error column. */
    static final double CONFIDENCE = 0.999;

    /** JMH's primary score of a benchmark whose every call is one operation. */
    static Measured primary(String operation, int threads, Collection<RunResult> runs) {
        ListStatistics scores = new ListStatistics();
        forEachIteration(runs, iteration -> scores.addValue(iteration.getPrimaryResult().getScore()));
        return new Measured(operation, threads, scores, new ListStatistics());
    }

    static void forEachIteration(Collection<RunResult> runs, Consumer<IterationResult> action) {
        int iterations = 0;
        for (RunResult run : runs) {
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    action.accept(iteration);
                    iterations++;
                }
            }
        }
        if (iterations == 0) {
            throw new IllegalStateException("the run measured nothing: " + runs);
        }
    }

    /** Mean operations per second. */
    double score() {
        return operationsPerSecond.getMean();
    }

    /** Half the width of the 99.9% confidence interval of {@link #score()}, as JMH reports it. */
    double error() {
        return errorOf(operationsPerSecond);
    }

    /** Mean requests per operation, NaN when not counted. */
    double requests() {
        return requestsPerOperation.getN() == 0 ? Double.NaN : requestsPerOperation.getMean();
    }

    static double errorOf(ListStatistics statistics) {
        return statistics.getN() > 2 ? statistics.getMeanErrorAt(CONFIDENCE) : Double.NaN;
    }
}
