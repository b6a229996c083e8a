package dev.eventstream.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and the heap measurement, then prints a summary (and writes it to a file) with the ratios
 * library/raw and the targets of the performance issue. One dynalite server serves every fork, so that each
 * comparison meets a server that is already warm; each pair of a comparison runs library, raw, raw, library (one
 * fork each), so that a drift of the shared machine during the pair weighs on both sides alike.
 *
 * <p>System properties: {@code bench.warmups}, {@code bench.warmupSeconds}, {@code bench.iterations},
 * {@code bench.iterationSeconds} (per fork; defaults 2, 5, 3, 5), {@code bench.heapEvents} (default 100,000),
 * {@code bench.summary} (default {@code target/benchmark-summary.md}), and {@code bench.quick=true} for a
 * one-minute trial of the whole run with 1 s iterations and a 10,000-event heap stream.
 */
public final class BenchmarkMain {
    private final Settings settings;
    private final List<String> forkArguments;

    private BenchmarkMain(Settings settings, List<String> forkArguments) {
        this.settings = settings;
        this.forkArguments = forkArguments;
    }

    /** How long each fork warms up and measures; the same for every benchmark, so all are alike. */
    record Settings(int warmups, int warmupSeconds, int iterations, int iterationSeconds, int heapEvents, Path summary) {
        static Settings fromSystemProperties() {
            boolean quick = Boolean.getBoolean("bench.quick");
            return new Settings(
                    Integer.getInteger("bench.warmups", quick ? 1 : 2),
                    Integer.getInteger("bench.warmupSeconds", quick ? 1 : 5),
                    Integer.getInteger("bench.iterations", quick ? 1 : 3),
                    Integer.getInteger("bench.iterationSeconds", quick ? 1 : 5),
                    Integer.getInteger("bench.heapEvents", quick ? 10_000 : 100_000),
                    Path.of(System.getProperty("bench.summary", "target/benchmark-summary.md")));
        }

        String describe() {
            return String.format("%d warm-up iteration(s) of %d s, then %d measured iteration(s) of %d s per fork",
                    warmups, warmupSeconds, iterations, iterationSeconds);
        }
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Settings settings = Settings.fromSystemProperties();
        Report report = new Report(settings);
        try (Dynalite dynalite = Dynalite.start()) {
            BenchmarkMain main = new BenchmarkMain(settings, List.of(
                    // A fixed heap: the in-memory store keeps its events, and a heap resized under way adds noise.
                    "-Xms2g", "-Xmx2g", "-Daws.disableEc2Metadata=true",
                    "-D" + DynaliteEngine.ENDPOINT_PROPERTY + "=" + dynalite.endpoint()));
            for (int threads : List.of(1, 2)) {
                report.inMemory(main.measure(InMemoryBenchmarks.class, "addEvent", threads, 1));
                report.inMemory(main.measure(InMemoryBenchmarks.class, "getEvents", threads, 1));
            }
            for (int threads : List.of(1, 2)) {
                report.append(main.pair(DynamoDbAppendBenchmarks.class, "libraryAddEvent", "rawPutItem", threads));
            }
            report.read(main.pair(DynamoDbReadBenchmarks.class, "libraryGetEvents", "rawQuery", 1));
            report.history(main.pair(DynamoDbHistoryBenchmarks.class, "loadWithSnapshots", "loadWithoutSnapshots", 1));
            System.out.println("# Heap: reading a " + settings.heapEvents() + "-event stream in fresh JVMs");
            report.heap(HeapMeasurement.measure(dynalite.endpoint(), settings.heapEvents()));
        }
        String summary = report.render();
        Path file = settings.summary().toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(summary);
        System.out.println("(written to " + file + ")");
    }

    /** Two benchmarks measured library, raw, raw, library: one fork each, two forks per side. */
    private Pair pair(Class<?> benchmarks, String library, String raw, int threads) throws RunnerException {
        List<RunResult> libraryRuns = new ArrayList<>(run(benchmarks, library, threads, 1));
        List<RunResult> rawRuns = new ArrayList<>(run(benchmarks, raw, threads, 1));
        rawRuns.addAll(run(benchmarks, raw, threads, 1));
        libraryRuns.addAll(run(benchmarks, library, threads, 1));
        return new Pair(Measured.of(library, threads, libraryRuns), Measured.of(raw, threads, rawRuns));
    }

    private Measured measure(Class<?> benchmarks, String method, int threads, int forks) throws RunnerException {
        return Measured.of(method, threads, run(benchmarks, method, threads, forks));
    }

    private Collection<RunResult> run(Class<?> benchmarks, String method, int threads, int forks)
            throws RunnerException {
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarks.getName() + "." + method) + "$")
                .forks(forks)
                .threads(threads)
                .warmupIterations(settings.warmups())
                .warmupTime(TimeValue.seconds(settings.warmupSeconds()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.seconds(settings.iterationSeconds()))
                .jvmArgsAppend(forkArguments.toArray(String[]::new))
                .shouldFailOnError(true)
                .build();
        return new Runner(options).run();
    }

    /** The library's side and the raw SDK's side of one comparison. */
    record Pair(Measured library, Measured raw) {}
}
