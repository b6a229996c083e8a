package dev.eventstream.benchmarks;

import dev.eventstream.api.StreamKey;
import dev.eventstream.testkit.moto.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * comparison meets a server that earlier forks have warmed up; the comparisons themselves are {@link Paired}.
 *
 * <p>System properties: {@code bench.warmups}, {@code bench.warmupSeconds}, {@code bench.iterations},
 * {@code bench.iterationSeconds} (per fork; defaults 3, 4, 5, 4), {@code bench.forks} (forks per DynamoDB
 * comparison, default 3), {@code bench.inMemoryForks} (default 2), {@code bench.heapEvents} (default 100,000),
 * {@code bench.summary} (default {@code target/benchmark-summary.md}), {@code bench.feedIterationSeconds} (warm-up
 * and measured iterations of the feed read, default 10: one read of its 10,000 events takes 1 to 1.5 s a side, so
 * a 4 s iteration would hold one or two pairs), {@code bench.feedLatencyEvents} and
 * {@code bench.feedLatencyRate} (events appended for the feed's latency and how many a second; defaults 250, 10),
 * {@code bench.only=feed} for the feed's benchmarks alone (its read against the raw SDK on dynalite, its latency on
 * moto), {@code bench.only=append} for the append comparisons alone (1 and 2 threads),
 * {@code bench.only=upcast} for the typed reads and upcasting alone (in memory; {@code bench.upcastForks}, default 2,
 * and {@code bench.upcastSeconds}, the length of each of their warm-up and measured iterations, default 1), and
 * {@code bench.quick=true} for a trial of the whole run with 1 s iterations, one fork each, a
 * 10,000-event heap stream and 50 events for the latency.
 */
public final class BenchmarkMain {
    private final Settings settings;
    private final List<String> forkArguments;

    private BenchmarkMain(Settings settings, List<String> forkArguments) {
        this.settings = settings;
        this.forkArguments = forkArguments;
    }

    /** How long each fork warms up and measures; the same for every benchmark, so all are alike. */
    record Settings(int warmups, int warmupSeconds, int iterations, int iterationSeconds, int forks, int inMemoryForks,
            int heapEvents, int feedIterationSeconds, int feedLatencyEvents, double feedLatencyRate, int upcastForks,
            int upcastSeconds, String only, Path summary) {
        static Settings fromSystemProperties() {
            boolean quick = Boolean.getBoolean("bench.quick");
            return new Settings(
                    Integer.getInteger("bench.warmups", quick ? 1 : 3),
                    Integer.getInteger("bench.warmupSeconds", quick ? 1 : 4),
                    Integer.getInteger("bench.iterations", quick ? 1 : 5),
                    Integer.getInteger("bench.iterationSeconds", quick ? 1 : 4),
                    Integer.getInteger("bench.forks", quick ? 1 : 3),
                    Integer.getInteger("bench.inMemoryForks", quick ? 1 : 2),
                    Integer.getInteger("bench.heapEvents", quick ? 10_000 : 100_000),
                    Integer.getInteger("bench.feedIterationSeconds", quick ? 1 : 10),
                    Integer.getInteger("bench.feedLatencyEvents", quick ? 50 : 250),
                    Double.parseDouble(System.getProperty("bench.feedLatencyRate", "10")),
                    Integer.getInteger("bench.upcastForks", quick ? 1 : 2),
                    Integer.getInteger("bench.upcastSeconds", 1),
                    System.getProperty("bench.only", "").trim(),
                    Path.of(System.getProperty("bench.summary", "target/benchmark-summary.md")));
        }

        boolean feedOnly() {
            return only.equals("feed");
        }

        boolean appendOnly() {
            return only.equals("append");
        }

        boolean upcastOnly() {
            return only.equals("upcast");
        }

        String describe() {
            return String.format("%d warm-up iteration(s) of %d s, then %d measured iteration(s) of %d s per fork;"
                    + " %d fork(s) per DynamoDB comparison, %d per in-memory benchmark; the feed read's iterations"
                    + " of %d s; the upcasting benchmarks' iterations of %d s, %d fork(s) each", warmups,
                    warmupSeconds, iterations, iterationSeconds, forks, inMemoryForks, feedIterationSeconds,
                    upcastSeconds, upcastForks);
        }
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Settings settings = Settings.fromSystemProperties();
        Report report = new Report(settings);
        if (settings.upcastOnly()) {
            // In memory only: no DynamoDB engine to start, no feed latency.
            new BenchmarkMain(settings, List.of("-Xms2g", "-Xmx2g")).measureUpcasts(report);
            write(settings, report);
            return;
        }
        try (Dynalite dynalite = Dynalite.start()) {
            BenchmarkMain main = new BenchmarkMain(settings, List.of(
                    // A fixed heap: the in-memory store keeps its events, and a heap resized under way adds noise.
                    "-Xms2g", "-Xmx2g", "-Daws.disableEc2Metadata=true",
                    "-D" + DynaliteEngine.ENDPOINT_PROPERTY + "=" + dynalite.endpoint()));
            if (settings.appendOnly()) {
                main.compareAppends(report);
            } else {
                if (!settings.feedOnly()) {
                    main.measureEvents(dynalite.endpoint(), report);
                }
                report.feedRead(main.compareFeedRead());
            }
        }
        if (!settings.appendOnly()) {
            System.out.println("# Feed latency on moto");
            report.feedLatency(FeedLatency.measure(MotoServer.shared().endpoint(), settings.feedLatencyEvents(),
                    settings.feedLatencyRate()));
        }
        write(settings, report);
    }

    private static void write(Settings settings, Report report) throws IOException {
        String summary = report.render();
        Path file = settings.summary().toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(summary);
        System.out.println("(written to " + file + ")");
    }

    private void measureEvents(URI endpoint, Report report) throws RunnerException {
        for (int threads : List.of(1, 2)) {
            report.inMemory(measure(InMemoryBenchmarks.class, "addEvent", threads));
            report.inMemory(measure(InMemoryBenchmarks.class, "getEvents", threads));
        }
        measureUpcasts(report);
        compareAppends(report);
        report.read(compare(DynamoDbReadBenchmarks.class, "getEvents", 1));
        report.readWithPayloads(compare(DynamoDbReadBenchmarks.class, "getEventsWithPayloads", 1));
        report.history(compare(DynamoDbHistoryBenchmarks.class, "loadFromHistory", 1));
        measureLongStreams(endpoint, report);
    }

    /**
     * Typed reads and upcasting, in memory: the time per event of each shape's read (short iterations: each call
     * takes a few microseconds), then current-revision reads with types against without, paired.
     */
    private void measureUpcasts(Report report) throws RunnerException {
        int seconds = settings.upcastSeconds();
        for (String method : List.of("upcastOneStep", "upcastThreeSteps", "rename", "currentRevision",
                "currentRevisionReadOnly", "decodeWithoutTypes")) {
            report.perEvent(PerEvent.of(method, run(UpcastBenchmarks.class, method, 1, settings.upcastForks(),
                    seconds, seconds)));
        }
        for (String method : List.of("getEvents", "getEventsPayloadJson", "getEventsDecoded")) {
            report.typedRead(method, Comparison.of(method + " (with types)", method + " (without types)", 1,
                    run(TypedReadBenchmarks.class, method, 1, settings.upcastForks(), seconds, seconds)));
        }
    }

    private void compareAppends(Report report) throws RunnerException {
        for (int threads : List.of(1, 2)) {
            report.append(compare(DynamoDbAppendBenchmarks.class, "addEvent", threads));
        }
    }

    /**
     * Seeds a {@code bench.heapEvents}-event stream and measures it read lazily and as a list, then how snapshots
     * of it and of a 10,000-event stream behave.
     */
    private void measureLongStreams(URI endpoint, Report report) {
        System.out.println("# Heap and snapshots of long streams");
        DynaliteEngine engine = new DynaliteEngine();
        try {
            engine.startOn(endpoint);
            StreamKey longStream = Workload.newStream("heap");
            engine.seed(longStream, settings.heapEvents());
            long pages = engine.requestsOf(() -> DynamoDbReadBenchmarks.rawQuery(engine, longStream)).get("Query");
            report.heap(HeapMeasurement.readBothWays(endpoint, longStream), pages);
            StreamKey shorter = Workload.newStream("snapshot");
            int shorterEvents = Integer.parseInt(DynamoDbHistoryBenchmarks.EVENTS);
            engine.seed(shorter, shorterEvents);
            report.snapshots(List.of(SnapshotGrowth.measure(engine, shorter, shorterEvents),
                    SnapshotGrowth.measure(engine, longStream, settings.heapEvents())));
        } finally {
            engine.stop();
        }
    }

    private Comparison compare(Class<?> benchmarks, String method, int threads) throws RunnerException {
        return Comparison.of(method + " (library)", method + " (raw)", threads,
                run(benchmarks, method, threads, settings.forks(), settings.warmupSeconds(),
                        settings.iterationSeconds()));
    }

    private Comparison compareFeedRead() throws RunnerException {
        int seconds = settings.feedIterationSeconds();
        return Comparison.of("readFeed (library)", "readFeed (raw)", 1,
                run(DynamoDbFeedBenchmarks.class, "readFeed", 1, settings.forks(), seconds, seconds));
    }

    private Measured measure(Class<?> benchmarks, String method, int threads) throws RunnerException {
        return Measured.primary(method, threads, run(benchmarks, method, threads, settings.inMemoryForks(),
                settings.warmupSeconds(), settings.iterationSeconds()));
    }

    private Collection<RunResult> run(Class<?> benchmarks, String method, int threads, int forks, int warmupSeconds,
            int iterationSeconds) throws RunnerException {
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarks.getName() + "." + method) + "$")
                .forks(forks)
                .threads(threads)
                .warmupIterations(settings.warmups())
                .warmupTime(TimeValue.seconds(warmupSeconds))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.seconds(iterationSeconds))
                .jvmArgsAppend(forkArguments.toArray(String[]::new))
                .shouldFailOnError(true)
                .build();
        return new Runner(options).run();
    }
}
