package dev.eventstream.testkit.moto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A moto server (one Python process emulating DynamoDB, SNS and SQS) on a free loopback port, started by the
 * test run itself, stopped when the JVM exits. Two kinds, at most one of each per JVM:
 * <ul>
 *   <li>{@link #shared()}: moto's own threaded server, for every service. Its DynamoDB checks a condition and
 *   then writes without a lock, so two conditional writes that arrive together can both succeed.</li>
 *   <li>{@link #oneRequestAtATime()}: DynamoDB only, served by a single thread, so every condition and its write
 *   are one step, as on DynamoDB. For tests of writers in several processes, which only the conditions keep
 *   apart. It refuses other services: an SQS long poll would stall every other client of such a server.</li>
 * </ul>
 * and, outside those, {@link #startAllServicesOneRequestAtATime()} for a caller that owns and closes it.
 *
 * <p>It fails loudly rather than skipping: a run that cannot start moto must not pass as if the AWS adapters
 * were tested. Set the system property {@value #ENDPOINT_PROPERTY} (or {@value #ONE_REQUEST_AT_A_TIME_PROPERTY})
 * to use a server that is already running, and {@value #PYTHON_PROPERTY} to choose the Python interpreter
 * (default {@code python3}).
 */
public final class MotoServer implements AutoCloseable {
    public static final String ENDPOINT_PROPERTY = "eventstream.moto.endpoint";
    public static final String ONE_REQUEST_AT_A_TIME_PROPERTY = "eventstream.moto.oneRequestAtATime.endpoint";
    public static final String PYTHON_PROPERTY = "eventstream.moto.python";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The launcher of {@link #oneRequestAtATime()}, beside this class in the testkit jar. */
    private static final String LAUNCHER = "one_request_at_a_time.py";
    private static @Nullable MotoServer shared;
    private static @Nullable MotoServer oneRequestAtATime;

    private final URI endpoint;
    private final @Nullable Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(URI endpoint, @Nullable Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /** The threaded server of this JVM, for every service, started on first use. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = externalOrStarted(ENDPOINT_PROPERTY, MotoServer::threadedCommand);
        }
        return shared;
    }

    /**
     * The DynamoDB-only server of this JVM that serves one request at a time, started on first use: conditional
     * writes arriving together from several processes are decided one after the other, so exactly one wins a
     * position. About 100 requests a second, so for tests of races rather than of volume.
     */
    public static synchronized MotoServer oneRequestAtATime() {
        if (oneRequestAtATime == null) {
            Path launcher = extractLauncher();
            oneRequestAtATime = externalOrStarted(ONE_REQUEST_AT_A_TIME_PROPERTY,
                    (python, port) -> List.of(python, launcher.toString(), String.valueOf(port)));
        }
        return oneRequestAtATime;
    }

    /**
     * A new server for every service, served by a single thread, that the caller owns and closes: for a benchmark
     * whose clients run one at a time, so that moto's own work does not compete with the one being timed. Not for
     * concurrent clients: a long poll would stall every other request.
     */
    public static MotoServer startAllServicesOneRequestAtATime() {
        Path launcher = extractLauncher();
        return start((python, port) -> List.of(python, launcher.toString(), String.valueOf(port), "--all-services"));
    }

    private static MotoServer externalOrStarted(String endpointProperty, Command command) {
        String external = System.getProperty(endpointProperty, "").trim();
        MotoServer server = external.isEmpty() ? start(command) : new MotoServer(URI.create(external), null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-server-stop"));
        return server;
    }

    private static List<String> threadedCommand(String python, int port) {
        return List.of(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port));
    }

    /**
     * Copies the launcher out of the class path to a file Python can run: inside the testkit jar it has no path
     * of its own.
     */
    private static Path extractLauncher() {
        try (InputStream in = MotoServer.class.getResourceAsStream(LAUNCHER)) {
            if (in == null) {
                throw new IllegalStateException("the launcher " + LAUNCHER + " is missing beside "
                        + MotoServer.class.getName() + " on the class path");
            }
            Path file = Files.createTempFile("moto-one-request-at-a-time-", ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the moto launcher " + LAUNCHER, e);
        }
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Clears every table, topic and queue the server holds. */
    public void reset() {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(30))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset failed at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static MotoServer start(Command command) {
        String python = System.getProperty(PYTHON_PROPERTY, "python3");
        IllegalStateException failure = null;
        // A free port can be taken by someone else between probing and binding: try a few.
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freeLoopbackPort();
            Path log = logFile(port);
            List<String> arguments = command.arguments(python, port);
            Process process;
            try {
                process = new ProcessBuilder(arguments)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start moto server with '" + String.join(" ", arguments)
                        + "': is Python 3 with moto[server] installed? (pip install 'moto[server]')", e);
            }
            MotoServer server = new MotoServer(URI.create("http://127.0.0.1:" + port), process);
            try {
                server.awaitReady(log);
                return server;
            } catch (IllegalStateException e) {
                server.close();
                failure = e;
            }
        }
        throw failure;
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("moto server exited with code " + process.exitValue()
                        + " before it was ready; its output:\n" + read(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("moto server did not answer at " + endpoint + " within " + START_TIMEOUT
                + "; its output:\n" + read(log));
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static Path logFile(int port) {
        try {
            Path dir = Path.of("target");
            if (!Files.isDirectory(dir)) {
                dir = Path.of(System.getProperty("java.io.tmpdir"));
            }
            return Files.createTempFile(dir, "moto-" + port + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create moto log file", e);
        }
    }

    private static String read(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto", e);
        }
    }

    @Override
    public String toString() {
        return "MotoServer[" + endpoint + "]";
    }

    /** The command line that starts a server on a port. */
    @FunctionalInterface
    private interface Command {
        List<String> arguments(String python, int port);
    }
}
