package dev.eventstream.benchmarks;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.StreamKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code addEvent} against hand-written appends ({@link HandWrittenAppends}) without JMH: on one thread, chunks of
 * {@value #CHUNK} appends taken in turn by each side (the side going first alternating), the same 200-byte
 * {@code java.util.Map} payload ({@link Workload#ORDER}), each side on a stream and a client of its own. A round is
 * {@code bench.probeChunks} chunks a side; its ratio is the library's appends per second over the raw side's. The
 * first {@code bench.probeWarmupRounds} rounds warm up and are not counted; the median of the next
 * {@code bench.probeRounds} is the figure. {@code benchmarks/run.sh --append-probe} runs it on a dynalite of its
 * own.
 */
public final class AppendProbe {
    static final int CHUNK = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AppendProbe() {}

    /** How long the probe runs. */
    record Settings(int warmupRounds, int rounds, int chunksPerRound) {
        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("bench.probeWarmupRounds", 10),
                    Integer.getInteger("bench.probeRounds", 15),
                    Integer.getInteger("bench.probeChunks", 10));
        }
    }

    /** One round's time and requests per side. */
    record Round(long appends, long libraryNanos, long rawNanos, long libraryCpuNanos, long rawCpuNanos,
            long libraryRequests, long rawRequests) {
        double ratio() {
            return (double) rawNanos / libraryNanos;
        }

        double libraryRate() {
            return appends * 1e9 / libraryNanos;
        }

        double rawRate() {
            return appends * 1e9 / rawNanos;
        }
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromSystemProperties();
        try (Dynalite dynalite = Dynalite.start()) {
            DynaliteEngine engine = new DynaliteEngine();
            try {
                engine.startOn(dynalite.endpoint());
                try (AppendSides sides = new AppendSides(dynalite.endpoint())) {
                    System.out.println(render(run(engine, sides, settings), settings));
                }
            } finally {
                engine.stop();
            }
        }
    }

    /** Every round, warm-up rounds first. */
    static List<Round> run(DynaliteEngine engine, AppendSides sides, Settings settings) {
        StreamKey libraryKey = Workload.newStream("probe-library");
        StreamKey rawKey = Workload.newStream("probe-raw");
        // Seeded with one event each: a stream's first event goes with its aggregation's marker in a transaction,
        // which dynalite lacks.
        engine.seed(libraryKey, 1);
        engine.seed(rawKey, 1);
        EventStream library = sides.library.getEventStream(libraryKey);
        long[] nextRaw = {2};
        List<Round> rounds = new ArrayList<>();
        for (int round = 0; round < settings.warmupRounds() + settings.rounds(); round++) {
            long[] nanos = new long[2];
            long[] cpu = new long[2];
            long libraryRequestsBefore = sides.libraryRequests.total();
            long rawRequestsBefore = sides.rawRequests.total();
            for (int chunk = 0; chunk < 2 * settings.chunksPerRound(); chunk++) {
                // Library, raw, raw, library, library, raw ...: each side goes first as often.
                boolean libraryChunk = (chunk % 4 == 0) || (chunk % 4 == 3);
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                for (int i = 0; i < CHUNK; i++) {
                    if (libraryChunk) {
                        library.addEvent("PLACED", Workload.ORDER);
                    } else {
                        sides.raw.append(rawKey, nextRaw[0]++, "PLACED", Workload.ORDER);
                    }
                }
                int side = libraryChunk ? 0 : 1;
                nanos[side] += System.nanoTime() - start;
                cpu[side] += THREADS.getCurrentThreadCpuTime() - cpuStart;
            }
            rounds.add(new Round((long) CHUNK * settings.chunksPerRound(), nanos[0], nanos[1], cpu[0], cpu[1],
                    sides.libraryRequests.total() - libraryRequestsBefore,
                    sides.rawRequests.total() - rawRequestsBefore));
        }
        return rounds;
    }

    static String render(List<Round> all, Settings settings) {
        StringBuilder out = new StringBuilder();
        line(out, "# addEvent vs hand-written conditional PutItem, %d-byte Map payload, chunks of %d a side,"
                + " %d chunks a side per round", Workload.ORDER_JSON_BYTES, CHUNK, settings.chunksPerRound());
        line(out, "| round | library appends/s | raw appends/s | library/raw | CPU/append library | CPU/append raw"
                + " | requests/append library | requests/append raw |");
        line(out, "|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < all.size(); i++) {
            Round round = all.get(i);
            line(out, "| %s | %,.0f | %,.0f | %.3f | %.0f µs | %.0f µs | %.2f | %.2f |",
                    i < settings.warmupRounds() ? "warm-up " + (i + 1)
                            : String.valueOf(i - settings.warmupRounds() + 1),
                    round.libraryRate(), round.rawRate(), round.ratio(),
                    round.libraryCpuNanos() / 1e3 / round.appends(), round.rawCpuNanos() / 1e3 / round.appends(),
                    (double) round.libraryRequests() / round.appends(), (double) round.rawRequests() / round.appends());
        }
        List<Round> measured = all.subList(settings.warmupRounds(), all.size());
        double[] ratios = measured.stream().mapToDouble(Round::ratio).sorted().toArray();
        double[] cpuRatios = measured.stream()
                .mapToDouble(r -> (double) r.rawCpuNanos() / r.libraryCpuNanos()).sorted().toArray();
        line(out, "");
        line(out, "library/raw over %d rounds: median %.3f, quartiles %.3f to %.3f, range %.3f to %.3f",
                ratios.length, median(ratios), quantile(ratios, 0.25), quantile(ratios, 0.75), ratios[0],
                ratios[ratios.length - 1]);
        line(out, "client CPU per append, raw/library: median %.3f", median(cpuRatios));
        return out.toString();
    }

    static double median(double[] sorted) {
        return quantile(sorted, 0.5);
    }

    /** Linear interpolation between the closest ranks of a sorted array. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] values = sorted.clone();
        Arrays.sort(values);
        double position = q * (values.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return values[lower] + (values[upper] - values[lower]) * (position - lower);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
