package dev.eventstream.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * moto with every service on a free loopback port, served by one thread (the testkit's single-threaded launcher
 * serves DynamoDB only, and the cold start needs SNS too). Started and stopped by {@link ColdStart}.
 */
final class ColdStartMoto implements AutoCloseable {
    private static final String LAUNCHER = "moto_all_services_one_request_at_a_time.py";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;

    private ColdStartMoto(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static ColdStartMoto start() throws IOException, InterruptedException {
        Path launcher = Files.createTempFile("cold-start-moto-", ".py");
        launcher.toFile().deleteOnExit();
        try (InputStream in = ColdStartMoto.class.getResourceAsStream(LAUNCHER)) {
            if (in == null) {
                throw new IllegalStateException(LAUNCHER + " is missing beside " + ColdStartMoto.class.getName());
            }
            Files.copy(in, launcher, StandardCopyOption.REPLACE_EXISTING);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("cold-start-moto-", ".log");
        Process process = new ProcessBuilder(System.getProperty("eventstream.moto.python", "python3"),
                launcher.toString(), String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ColdStartMoto moto = new ColdStartMoto(process, URI.create("http://127.0.0.1:" + port));
        moto.awaitReady(log);
        return moto;
    }

    URI endpoint() {
        return endpoint;
    }

    private void awaitReady(Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        close();
        throw new UncheckedIOException(new IOException("moto did not answer at " + endpoint + "; see " + log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
