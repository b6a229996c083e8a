package dev.eventstream.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A writer JVM of the tests of several processes ({@link PublishingWriter}, {@link FeedPublishingWriter}), and what
 * it reported on its standard output, line by line: {@value #READY}, {@value #COMMITTED}<i>id</i>,
 * {@value #PUBLISHED}<i>id</i>, {@value #ALL_COMMITTED}; any other line is kept as its log.
 */
final class WriterProcess {
    static final String READY = "READY";
    static final String COMMITTED = "COMMITTED ";
    static final String PUBLISHED = "PUBLISHED ";
    static final String ALL_COMMITTED = "ALL COMMITTED";

    private final Process process;
    private final Duration bound;
    private final CountDownLatch ready = new CountDownLatch(1);
    final AtomicInteger commits = new AtomicInteger();
    private final CountDownLatch allCommitted = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    final List<UUID> published = Collections.synchronizedList(new ArrayList<>());
    private final List<String> output = new ArrayList<>();

    private WriterProcess(Process process, Duration bound) {
        this.process = process;
        this.bound = bound;
        Thread reader = new Thread(this::read, "writer-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args} in a JVM of its own, on this JVM's class path. */
    static WriterProcess start(Class<?> main, Duration bound, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daws.disableEc2Metadata=true", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new WriterProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), bound);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(COMMITTED)) {
                    commits.incrementAndGet();
                } else if (line.startsWith(PUBLISHED)) {
                    published.add(UUID.fromString(line.substring(PUBLISHED.length())));
                } else if (line.equals(READY)) {
                    ready.countDown();
                } else if (line.equals(ALL_COMMITTED)) {
                    allCommitted.countDown();
                } else {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // The process was killed: what it printed is all there is.
        } finally {
            ended.countDown();
        }
    }

    void awaitReady() throws InterruptedException {
        assertThat(ready.await(bound.toSeconds(), TimeUnit.SECONDS))
                .as("instance ready; its output:\n%s", output()).isTrue();
    }

    void awaitOutput(Predicate<String> line) throws InterruptedException {
        awaitThat(() -> printed(line), "a line of output as expected");
    }

    boolean printed(Predicate<String> line) {
        synchronized (output) {
            return output.stream().anyMatch(line);
        }
    }

    /** Lets a writer that waits for a line on its standard input append. */
    void go() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void awaitCommits(int count) throws InterruptedException {
        awaitThat(() -> commits.get() >= count, count + " commits");
    }

    private void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(process.isAlive()).as("instance alive; its output:\n%s", output()).isTrue();
            assertThat(System.nanoTime() - deadline).as("%s within %s; its output:\n%s", what, bound, output())
                    .isNegative();
            Thread.sleep(20);
        }
    }

    void awaitAllCommitted() throws InterruptedException {
        assertThat(allCommitted.await(bound.toSeconds(), TimeUnit.SECONDS))
                .as("instance committed everything; its output:\n%s", output()).isTrue();
    }

    /** SIGKILL: no shutdown hook, no lease released, no checkpoint stored, no relay closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        ended.await(30, TimeUnit.SECONDS);
    }

    /** Closes its stdin: it closes its store and exits. */
    void stop() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        ended.await(30, TimeUnit.SECONDS);
    }

    /** The last 200 lines of its log. */
    private String output() {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 200), output.size()));
        }
    }
}
