package dev.eventstream.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dynalite server (npm {@code dynalite}, a DynamoDB engine on LevelDB, in memory) on a free loopback port, started
 * from {@code benchmarks/node_modules} and stopped by {@link #close()} or when the JVM exits.
 *
 * <p>System properties: {@value #CLI_PROPERTY} points at dynalite's {@code cli.js} when it is not found under
 * {@code node_modules} or {@code benchmarks/node_modules} of the working directory; {@value #NODE_PROPERTY} names
 * the Node.js executable (default {@code node}).
 */
public final class Dynalite implements AutoCloseable {
    public static final String CLI_PROPERTY = "eventstream.dynalite.cli";
    public static final String NODE_PROPERTY = "eventstream.node";

    private static final long START_TIMEOUT_MILLIS = 30_000;
    private static final List<Path> SEARCHED = List.of(
            Path.of("node_modules", "dynalite", "cli.js"),
            Path.of("benchmarks", "node_modules", "dynalite", "cli.js"));

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread stopOnExit;

    private Dynalite(Process process, int port, Path log) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.log = log;
        this.stopOnExit = new Thread(this::stop, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts dynalite and waits until it accepts connections.
     *
     * @throws IllegalStateException when dynalite is not installed or does not start, saying how to fix it
     */
    public static Dynalite start() {
        Path cli = cli();
        String node = System.getProperty(NODE_PROPERTY, "node");
        IllegalStateException failure = null;
        // A free port can be taken between probing and binding it: try a few.
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freeLoopbackPort();
            Path log = logFile();
            Process process;
            try {
                process = new ProcessBuilder(List.of(node, cli.toString(), "--host", "127.0.0.1", "--port",
                                String.valueOf(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs",
                                "0"))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run '" + node + "': Node.js 20 or later is needed for"
                        + " dynalite (set -D" + NODE_PROPERTY + " to its path)", e);
            }
            Dynalite dynalite = new Dynalite(process, port, log);
            try {
                dynalite.awaitListening(port);
                return dynalite;
            } catch (IllegalStateException e) {
                dynalite.close();
                failure = e;
            }
        }
        throw failure;
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it stops nothing more than this call did.
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path cli() {
        String configured = System.getProperty(CLI_PROPERTY, "").trim();
        List<Path> candidates = configured.isEmpty() ? SEARCHED : List.of(Path.of(configured));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("dynalite is not installed: run 'npm ci --prefix benchmarks --no-audit"
                + " --no-fund' in the repository root (looked for " + candidates + " under "
                + Path.of("").toAbsolutePath() + "; or set -D" + CLI_PROPERTY + " to dynalite's cli.js)");
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with code " + process.exitValue()
                        + " before it listened on port " + port + "; its output:\n" + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IllegalStateException("dynalite did not listen on port " + port + " within "
                + START_TIMEOUT_MILLIS + " ms; its output:\n" + output());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static Path logFile() {
        try {
            Path log = Files.createTempFile("dynalite-", ".log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create dynalite's log file", e);
        }
    }

    private String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "Dynalite[" + endpoint + "]";
    }
}
