package dev.eventstream.benchmarks;

import dev.eventstream.api.StreamKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Peak live heap while one stream is read, lazily and as a list, each in a fresh JVM ({@link HeapProbe}) so that
 * neither reading inherits the other's heap.
 */
final class HeapMeasurement {
    /** Room for the list variant's whole stream; the lazy variant needs far less. */
    static final String CHILD_MAX_HEAP = "-Xmx512m";
    private static final long CHILD_TIMEOUT_MINUTES = 10;

    /** One reading: what was read, and the live heap before and at its peak. */
    record Reading(String variant, long events, long sequenceSum, long baselineBytes, long peakBytes, long requests,
            long millis) {
        long growthBytes() {
            return peakBytes - baselineBytes;
        }
    }

    private HeapMeasurement() {}

    /** Reads {@code stream}, which the server at {@code endpoint} holds, lazily and as a list. */
    static List<Reading> readBothWays(URI endpoint, StreamKey stream) {
        return List.of(read(endpoint, stream, "lazy"), read(endpoint, stream, "list"));
    }

    static Reading read(URI endpoint, StreamKey stream, String variant) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), CHILD_MAX_HEAP, "-XX:+UseSerialGC",
                "-Daws.disableEc2Metadata=true", "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName(), endpoint.toString(), stream.aggregation(), stream.streamId(), variant);
        String output;
        int exit;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Output is small: read it to the end, then the process has exited or is about to.
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the heap probe did not finish within " + CHILD_TIMEOUT_MINUTES
                        + " minutes; its output:\n" + output);
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the heap probe: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the heap probe ran", e);
        }
        String result = output.lines()
                .filter(line -> line.startsWith(HeapProbe.RESULT_PREFIX))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the heap probe (" + variant + ") exited with " + exit
                        + " and reported nothing; its output:\n" + output));
        Map<String, String> fields = new HashMap<>();
        for (String field : result.substring(HeapProbe.RESULT_PREFIX.length()).trim().split(" ")) {
            String[] pair = field.split("=", 2);
            fields.put(pair[0], pair[1]);
        }
        return new Reading(fields.get("variant"), number(fields, "events"), number(fields, "sequenceSum"),
                number(fields, "baselineBytes"), number(fields, "peakBytes"), number(fields, "requests"),
                number(fields, "millis"));
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("the heap probe reported no " + name + ": " + fields);
        }
        return Long.parseLong(value);
    }
}
