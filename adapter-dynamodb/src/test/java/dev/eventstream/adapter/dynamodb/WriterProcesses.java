package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.AppendingProcess.Committed;
import dev.eventstream.api.StreamKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writers of one stream, each an {@link AppendingProcess} in a JVM of its own, started together and released at
 * the same moment by a line on their stdin.
 */
final class WriterProcesses implements AutoCloseable {
    /** Bounds, never assertions: how long the JVMs may take to start, and to finish their appends. */
    private static final Duration START_BOUND = Duration.ofSeconds(90);
    private static final Duration RUN_BOUND = Duration.ofMinutes(5);

    private final List<Writer> writers = new ArrayList<>();

    /** What one writer printed, and how its JVM ended. */
    record Outcome(int writer, List<Committed> committed, List<long[]> conflicts, List<String> gaveUp,
            long requests, long failedWrites, long mostFailedWritesInOneAppend, long longestAppendMillis, int exitCode,
            String output) {}

    private WriterProcesses() {}

    /** Starts {@code count} writers on {@code stream} and waits until every one is ready to append. */
    static WriterProcesses start(int count, URI endpoint, String table, StreamKey stream, String mode, int appends) {
        WriterProcesses processes = new WriterProcesses();
        try {
            for (int i = 0; i < count; i++) {
                processes.writers.add(new Writer(i, endpoint, table, stream, mode, appends));
            }
            for (Writer writer : processes.writers) {
                writer.awaitReady();
            }
            return processes;
        } catch (RuntimeException | Error e) {
            processes.close();
            throw e;
        }
    }

    /** Releases every writer at once and returns what each did, in writer order, once all have ended. */
    List<Outcome> releaseAndAwait() {
        for (Writer writer : writers) {
            writer.release();
        }
        long deadline = System.nanoTime() + RUN_BOUND.toNanos();
        List<Outcome> outcomes = new ArrayList<>();
        for (Writer writer : writers) {
            outcomes.add(writer.awaitOutcome(deadline));
        }
        return outcomes;
    }

    @Override
    public void close() {
        for (Writer writer : writers) {
            writer.process.destroyForcibly();
        }
    }

    private static final class Writer {
        private final int number;
        private final Process process;
        private final CountDownLatch ready = new CountDownLatch(1);
        private final Thread reader;
        private final StringBuilder output = new StringBuilder();
        private final List<Committed> committed = new ArrayList<>();
        private final List<long[]> conflicts = new ArrayList<>();
        private final List<String> gaveUp = new ArrayList<>();
        private long requests = -1;
        private long failedWrites = -1;
        private long mostFailedWritesInOneAppend = -1;
        private long longestAppendMillis = -1;

        Writer(int number, URI endpoint, String table, StreamKey stream, String mode, int appends) {
            this.number = number;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try {
                // Quick start-up over peak speed: the JVMs spend their lives waiting for moto.
                process = new ProcessBuilder(java, "-Daws.disableEc2Metadata=true", "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                        AppendingProcess.class.getName(), endpoint.toString(), table, stream.aggregation(),
                        stream.streamId(), mode, String.valueOf(appends), String.valueOf(number))
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start writer " + number, e);
            }
            reader = new Thread(this::readOutput, "writer-" + number + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void readOutput() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    parse(line);
                }
            } catch (IOException e) {
                synchronized (this) {
                    output.append("(output unreadable: ").append(e).append(")\n");
                }
            }
        }

        private synchronized void parse(String line) {
            String[] parts = line.split(" ", 2);
            switch (parts[0]) {
                case AppendingProcess.READY -> ready.countDown();
                case AppendingProcess.COMMITTED -> committed.add(Committed.parse(number, line));
                case AppendingProcess.CONFLICT -> {
                    String[] versions = parts[1].split(" ");
                    conflicts.add(new long[] {Long.parseLong(versions[0]), Long.parseLong(versions[1])});
                }
                case AppendingProcess.GAVE_UP -> gaveUp.add(parts[1]);
                case AppendingProcess.DONE -> {
                    String[] counts = parts[1].split(" ");
                    requests = Long.parseLong(counts[0]);
                    failedWrites = Long.parseLong(counts[1]);
                    mostFailedWritesInOneAppend = Long.parseLong(counts[2]);
                    longestAppendMillis = Long.parseLong(counts[3]);
                }
                default -> output.append(line).append('\n');
            }
        }

        void awaitReady() {
            try {
                if (!ready.await(START_BOUND.toSeconds(), TimeUnit.SECONDS) && process.isAlive()) {
                    throw new AssertionError("writer " + number + " was not ready within " + START_BOUND);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while starting writers", e);
            }
            assertThat(ready.getCount()).as("writer %d ended before it was ready; its output:\n%s", number, output())
                    .isZero();
        }

        void release() {
            try {
                OutputStream in = process.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release writer " + number, e);
            }
        }

        Outcome awaitOutcome(long deadlineNanos) {
            try {
                if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("writer " + number + " did not finish within " + RUN_BOUND
                            + "; its output:\n" + output());
                }
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for writers", e);
            }
            synchronized (this) {
                return new Outcome(number, List.copyOf(committed), List.copyOf(conflicts), List.copyOf(gaveUp),
                        requests, failedWrites, mostFailedWritesInOneAppend, longestAppendMillis, process.exitValue(),
                        output.toString());
            }
        }

        private synchronized String output() {
            return output.toString();
        }
    }
}
