package dev.eventstream.benchmarks;

import dev.eventstream.benchmarks.HeapMeasurement.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The summary of one run of {@link BenchmarkMain}, in Markdown, with the targets checked. */
final class Report {
    private static final double MB = 1024.0 * 1024.0;
    private static final double MIN_RATIO = 0.9;
    /** addEvent against what an application writes by hand (its own client and Jackson): within 5% of it. */
    private static final double MIN_APPEND_RATIO = 0.95;
    private static final double MAX_SNAPSHOT_REQUESTS = 2;
    private static final double MIN_SNAPSHOT_SPEEDUP = 10;
    private static final double MAX_LAZY_GROWTH_MB = 32;
    private static final double MIN_FEED_RATIO = 0.8;
    private static final double MAX_FEED_P99_MILLIS = 500;
    /** The typed layer's targets: an upcast event read in under 5 µs, current-revision reads within 5%. */
    private static final double MAX_UPCAST_MICROS = 5;
    private static final double MIN_TYPED_READ_RATIO = 0.95;
    private static final List<String> UPCASTS = List.of("upcastOneStep", "upcastThreeSteps", "rename");

    private final BenchmarkMain.Settings settings;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final String loadAtStart = loadAverage();
    private final List<Measured> inMemory = new ArrayList<>();
    private final List<Comparison> appends = new ArrayList<>();
    private Optional<Comparison> read = Optional.empty();
    private Optional<Comparison> readWithPayloads = Optional.empty();
    private Optional<Comparison> history = Optional.empty();
    private List<Reading> heap = List.of();
    private long rawPages;
    private List<SnapshotGrowth.Row> snapshots = List.of();
    private Optional<Comparison> feedRead = Optional.empty();
    private Optional<FeedLatency.Result> feedLatency = Optional.empty();
    private final List<PerEvent> perEvent = new ArrayList<>();
    private final Map<String, Comparison> typedReads = new LinkedHashMap<>();

    Report(BenchmarkMain.Settings settings) {
        this.settings = settings;
    }

    void inMemory(Measured measured) {
        inMemory.add(measured);
    }

    void append(Comparison pair) {
        appends.add(pair);
    }

    void read(Comparison pair) {
        read = Optional.of(pair);
    }

    void readWithPayloads(Comparison pair) {
        readWithPayloads = Optional.of(pair);
    }

    void history(Comparison pair) {
        history = Optional.of(pair);
    }

    /** Readings of one stream that the raw paginated Query reads in {@code rawPages} requests. */
    void heap(List<Reading> readings, long rawPages) {
        this.heap = List.copyOf(readings);
        this.rawPages = rawPages;
    }

    void snapshots(List<SnapshotGrowth.Row> rows) {
        snapshots = List.copyOf(rows);
    }

    void feedRead(Comparison pair) {
        feedRead = Optional.of(pair);
    }

    /** One {@link UpcastBenchmarks} method's time per event. */
    void perEvent(PerEvent measured) {
        perEvent.add(measured);
    }

    /** One {@link TypedReadBenchmarks} method: the store with types ("library") against the store without. */
    void typedRead(String method, Comparison pair) {
        typedReads.put(method, pair);
    }

    void feedLatency(FeedLatency.Result result) {
        feedLatency = Optional.of(result);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, "## Benchmark results, %s", started);
        line(out, "");
        line(out, "- Machine: %d processors, %s memory; %s %s on %s %s", Runtime.getRuntime().availableProcessors(),
                totalMemory(), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
        line(out, "- Load average (1, 5, 15 min) at the start %s, at the end %s: with %d processors, more than %d is"
                + " other work competing with the benchmark and dynalite", loadAtStart, loadAverage(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors());
        line(out, "- JMH: %s; throughput mode. Figures are means over all measured iterations ± the half-width of"
                + " their 99.9%% confidence interval. DynamoDB comparisons are paired: each call runs the library's"
                + " and the raw SDK's operation back to back, alternating which goes first, and the ratio is taken"
                + " per iteration", settings.describe());
        line(out, "");
        renderInMemory(out);
        renderUpcasting(out);
        renderDynamoDb(out);
        renderHeap(out);
        renderSnapshots(out);
        feedLatency.ifPresent(result -> out.append(feedLatencyTable(result)).append('\n'));
        renderTargets(out);
        return out.toString();
    }

    private void renderInMemory(StringBuilder out) {
        if (inMemory.isEmpty()) {
            return;
        }
        line(out, "### In-memory adapter");
        line(out, "");
        line(out, "| operation | threads | operations/s | events/s |");
        line(out, "|---|---|---|---|");
        for (Measured m : inMemory) {
            boolean reads = m.operation().equals("getEvents");
            int events = reads ? Integer.parseInt(InMemoryBenchmarks.READ_EVENTS) : 1;
            line(out, "| %s | %d | %s | %s |", reads ? "`getEvents()` of " + events + " events" : "`addEvent`",
                    m.threads(), withError(m), count(m.score() * events));
        }
        line(out, "");
    }

    private void renderUpcasting(StringBuilder out) {
        if (perEvent.isEmpty() && typedReads.isEmpty()) {
            return;
        }
        line(out, "### Typed events and upcasting (in memory)");
        line(out, "");
        if (!perEvent.isEmpty()) {
            line(out, "| read of one stored event (about 200 bytes of JSON) | µs/event |");
            line(out, "|---|---|");
            for (PerEvent p : perEvent) {
                line(out, "| %s | %s |", describePerEvent(p.operation()), micros(p.mean(), p.error()));
            }
            line(out, "");
        }
        if (!typedReads.isEmpty()) {
            line(out, "`getEvents()` of %s current-revision events, a store with `EventTypes` (with upcasters, none"
                    + " applying) against one without, paired:", TypedReadBenchmarks.EVENTS);
            line(out, "");
            line(out, "| read | with types µs/read | without µs/read | with/without (reads/s) | client CPU/read with,"
                    + " without |");
            line(out, "|---|---|---|---|---|");
            int events = Integer.parseInt(TypedReadBenchmarks.EVENTS);
            typedReads.forEach((method, pair) -> line(out, "| %s | %s | %s | %s | %s µs, %s µs |",
                    describeTypedRead(method), decimal(1e6 / pair.library().score()),
                    decimal(1e6 / pair.raw().score()), ratioText(pair), count(pair.libraryCpuMicros().getMean()),
                    count(pair.rawCpuMicros().getMean())));
            line(out, "");
            line(out, "(%s events a read: µs/read / %d is the time per event.)", TypedReadBenchmarks.EVENTS, events);
            line(out, "");
        }
    }

    private static String describePerEvent(String method) {
        return switch (method) {
            case "upcastOneStep" -> "`EventTypes.read` + `event()`, revision 1, one `upcast` step (adds a field)";
            case "upcastThreeSteps" -> "the same, revision 1, a chain of three steps";
            case "rename" -> "the same, stored under an old name (`rename`)";
            case "currentRevision" -> "the same, current revision (no upcaster applies)";
            case "currentRevisionReadOnly" -> "`EventTypes.read` alone, current revision";
            case "decodeWithoutTypes" -> "`payloadAs(OrderPlaced.class)` without `EventTypes` (the decode alone)";
            default -> method;
        };
    }

    private static String describeTypedRead(String method) {
        return switch (method) {
            case "getEvents" -> "`getEvents()`, events counted";
            case "getEventsPayloadJson" -> "`getEvents()`, every `payloadJson()`";
            case "getEventsDecoded" -> "`getEvents()`, every event decoded (`event()` with types, `payloadAs` of its"
                    + " class without)";
            default -> method;
        };
    }

    private static String micros(double mean, double error) {
        String format = mean < 1 ? "%.3f" : "%.2f";
        String value = String.format(Locale.ROOT, format, mean);
        return Double.isNaN(error) ? value : value + " ± " + String.format(Locale.ROOT, format, error);
    }

    private void renderDynamoDb(StringBuilder out) {
        if (appends.isEmpty() && read.isEmpty() && readWithPayloads.isEmpty() && feedRead.isEmpty()) {
            return;
        }
        line(out, "### DynamoDB adapter on dynalite: library against the raw SDK, paired (reads on one client; the"
                + " appends' and the feed read's raw sides on a client of their own)");
        line(out, "");
        line(out, "| operation | threads | library ops/s | raw SDK ops/s | library/raw | requests/op library"
                + " | requests/op raw | client CPU/op library | client CPU/op raw |");
        line(out, "|---|---|---|---|---|---|---|---|---|");
        for (Comparison pair : appends) {
            comparison(out, "`addEvent` of a " + Workload.ORDER_JSON_BYTES + "-byte Map vs hand-written conditional"
                    + " PutItem (own client and Jackson)", pair);
        }
        read.ifPresent(pair -> comparison(out, "`getEvents()` of " + DynamoDbReadBenchmarks.EVENTS
                + " events vs paginated Query", pair));
        readWithPayloads.ifPresent(pair -> comparison(out, "the same, then every payload as a JSON tree vs the"
                + " Query, then Jackson parsing each item's payload", pair));
        feedRead.ifPresent(pair -> comparison(out, "`readFeed(1, all)` of " + DynamoDbFeedBenchmarks.EVENTS
                + " events, each payload's text touched, vs paginated Query of the chunks + BatchGetItem (own"
                + " client and Jackson)", pair));
        line(out, "");
        history.ifPresent(pair -> {
            line(out, "`loadFromHistory()` of a %s-event stream, paired the same way:",
                    DynamoDbHistoryBenchmarks.EVENTS);
            line(out, "");
            line(out, "| store | loads/s | requests/load |");
            line(out, "|---|---|---|");
            line(out, "| snapshots (default policy, every 100 events) | %s | %s |", withError(pair.library()),
                    decimal(pair.library().requests()));
            line(out, "| `SnapshotPolicy.NEVER` | %s | %s |", withError(pair.raw()), decimal(pair.raw().requests()));
            line(out, "");
            line(out, "Snapshots make it %s times faster.", ratioText(pair));
            line(out, "");
        });
    }

    private void comparison(StringBuilder out, String operation, Comparison pair) {
        line(out, "| %s | %d | %s | %s | %s | %s | %s | %s µs | %s µs |", operation, pair.threads(),
                withError(pair.library()), withError(pair.raw()), ratioText(pair), decimal(pair.library().requests()),
                decimal(pair.raw().requests()), count(pair.libraryCpuMicros().getMean()),
                count(pair.rawCpuMicros().getMean()));
    }

    private void renderHeap(StringBuilder out) {
        if (heap.isEmpty()) {
            return;
        }
        line(out, "### Live heap while reading a %d-event stream (fresh JVM each, %s, serial collector)",
                heap.get(0).events(), HeapMeasurement.CHILD_MAX_HEAP);
        line(out, "");
        line(out, "| read | events | live heap before | peak live heap | growth | requests | time |");
        line(out, "|---|---|---|---|---|---|---|");
        for (Reading r : heap) {
            line(out, "| %s | %d | %s MB | %s MB | %s MB | %d | %.1f s |",
                    r.variant().equals("lazy") ? "`readEvents()` (lazy)" : "`getEvents()` (list)", r.events(),
                    decimal(r.baselineBytes() / MB), decimal(r.peakBytes() / MB), decimal(r.growthBytes() / MB),
                    r.requests(), r.millis() / 1000.0);
        }
        line(out, "");
        line(out, "The raw paginated Query reads the same stream in %d requests (1 MB pages).", rawPages);
        line(out, "");
    }

    private void renderSnapshots(StringBuilder out) {
        if (snapshots.isEmpty()) {
            return;
        }
        line(out, "### Snapshots as a stream grows (default policy; a load after the first)");
        line(out, "");
        line(out, "| events | snapshot item | requests per `loadFromHistory()` |");
        line(out, "|---|---|---|");
        for (SnapshotGrowth.Row row : snapshots) {
            line(out, "| %d | %s | %s |", row.events(), row.snapshotBytes() == 0 ? "none stored"
                    : String.format(Locale.ROOT, "%,d bytes", row.snapshotBytes()), row.requests());
        }
        line(out, "");
    }

    private void renderTargets(StringBuilder out) {
        line(out, "### Targets");
        line(out, "");
        line(out, "| target | measured | met |");
        line(out, "|---|---|---|");
        appends.stream().filter(pair -> pair.threads() == 1).findFirst().ifPresent(pair -> {
            target(out, "single-writer `addEvent` library/hand-written >= 0.95", ratioText(pair),
                    pair.ratio() >= MIN_APPEND_RATIO);
            target(out, "`addEvent`: 1 write request per single-event append",
                    decimal(pair.library().requests()) + " requests/op", isOne(pair.library().requests()));
        });
        read.ifPresent(pair -> {
            target(out, "`getEvents()` library/raw >= 0.9", ratioText(pair), pair.ratio() >= MIN_RATIO);
            target(out, "`getEvents()`: 1 request per 1 MB page (the raw Query's pages)",
                    decimal(pair.library().requests()) + " requests/op, raw " + decimal(pair.raw().requests()),
                    Math.abs(pair.library().requests() - pair.raw().requests()) < 0.005);
        });
        history.ifPresent(pair -> {
            double requests = pair.library().requests();
            target(out, "`loadFromHistory()` with snapshots: at most 2 requests", decimal(requests) + " requests/op",
                    requests <= MAX_SNAPSHOT_REQUESTS + 0.005);
            target(out, "`loadFromHistory()` with snapshots >= 10x faster than without", ratioText(pair) + "x",
                    pair.ratio() >= MIN_SNAPSHOT_SPEEDUP);
        });
        feedRead.ifPresent(pair -> target(out, "`readFeed` of " + DynamoDbFeedBenchmarks.EVENTS
                + " events library/raw >= 0.8", ratioText(pair), pair.ratio() >= MIN_FEED_RATIO));
        feedLatency.ifPresent(result -> {
            double p99 = FeedLatency.Result.percentileMillis(result.appendToSubscriber(), 99);
            target(out, "append to catch-up subscriber on moto, in-process indexer: p99 < 500 ms",
                    String.format(Locale.ROOT, "%.0f ms", p99), p99 < MAX_FEED_P99_MILLIS);
        });
        perEvent.stream().filter(p -> UPCASTS.contains(p.operation()))
                .max(Comparator.comparingDouble(PerEvent::mean)).ifPresent(slowest -> target(out,
                        "< 5 µs per upcast event (`EventTypes.read` + `event()`)", perEvent.stream()
                                .filter(p -> UPCASTS.contains(p.operation()))
                                .map(p -> p.operation() + " " + micros(p.mean(), p.error()) + " µs")
                                .collect(Collectors.joining(", ")),
                        slowest.mean() < MAX_UPCAST_MICROS));
        for (String method : List.of("getEvents", "getEventsPayloadJson")) {
            Comparison pair = typedReads.get(method);
            if (pair != null) {
                target(out, "current-revision reads unchanged: " + describeTypedRead(method)
                        + ", with/without types >= 0.95", ratioText(pair), pair.ratio() >= MIN_TYPED_READ_RATIO);
            }
        }
        heap.stream().filter(r -> r.variant().equals("lazy")).findFirst().ifPresent(r -> {
            target(out, "lazy read of " + r.events() + " events: peak heap growth < 32 MB",
                    decimal(r.growthBytes() / MB) + " MB", r.growthBytes() / MB < MAX_LAZY_GROWTH_MB);
            target(out, "lazy read of " + r.events() + " events: 1 request per 1 MB page",
                    r.requests() + " requests, raw Query " + rawPages, r.requests() == rawPages);
        });
    }

    /** The latency section: percentiles of each part, in milliseconds. */
    static String feedLatencyTable(FeedLatency.Result result) {
        StringBuilder out = new StringBuilder();
        line(out, "### Append to catch-up subscriber (moto, in-process indexer, one process)");
        line(out, "");
        line(out, "%d events appended one at a time at %s/s over %d streams, each timed from the append's return",
                result.events(), decimal(result.perSecond()), FeedLatency.STREAMS);
        line(out, "");
        line(out, "| span | p50 | p90 | p99 | max |");
        line(out, "|---|---|---|---|---|");
        latencyRow(out, "append returned -> subscriber called", result.appendToSubscriber());
        latencyRow(out, "append returned -> chunk written (indexer)", result.appendToChunk());
        latencyRow(out, "chunk written -> subscriber called (subscription)", result.chunkToSubscriber());
        line(out, "");
        line(out, "The chunk's time is the feed's advance signal last before the delivery.");
        line(out, "");
        line(out, "Round trips of the store's DynamoDB requests meanwhile (the appends, the indexer's chunk writes"
                + " and lease renewals, the subscription's reads):");
        line(out, "");
        line(out, "| request | count | p50 | p90 | p99 |");
        line(out, "|---|---|---|---|---|");
        result.requests().forEach((operation, sortedMicros) -> {
            if (sortedMicros.length > 0) {
                line(out, "| %s | %d | %.1f ms | %.1f ms | %.1f ms |", operation, sortedMicros.length,
                        FeedLatency.Result.percentileMillis(sortedMicros, 50),
                        FeedLatency.Result.percentileMillis(sortedMicros, 90),
                        FeedLatency.Result.percentileMillis(sortedMicros, 99));
            }
        });
        return out.toString();
    }

    private static void latencyRow(StringBuilder out, String span, long[] sortedMicros) {
        line(out, "| %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms |", span,
                FeedLatency.Result.percentileMillis(sortedMicros, 50),
                FeedLatency.Result.percentileMillis(sortedMicros, 90),
                FeedLatency.Result.percentileMillis(sortedMicros, 99),
                sortedMicros[sortedMicros.length - 1] / 1000.0);
    }

    private static void target(StringBuilder out, String target, String measured, boolean met) {
        line(out, "| %s | %s | %s |", target, measured, met ? "yes" : "**no**");
    }

    private static boolean isOne(double requests) {
        return Math.abs(requests - 1) < 0.005;
    }

    private static String ratioText(Comparison pair) {
        double error = pair.ratioError();
        return Double.isNaN(error) ? decimal(pair.ratio()) : decimal(pair.ratio()) + " ± " + decimal(error);
    }

    private static String withError(Measured m) {
        return Double.isNaN(m.error()) ? count(m.score()) : count(m.score()) + " ± " + count(m.error());
    }

    private static String count(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String totalMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(line.replaceAll("\\D", "")) / (1024.0 * 1024.0)))
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The first three fields of /proc/loadavg, where there is one. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
