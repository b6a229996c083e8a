package dev.eventstream.aws.testing.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What {@link IamPolicyCheck} saw in this JVM, counted: the permissions adapters used and the policy statement
 * that allowed each, the requests it refused, and the operations of test-only clients. Written when the JVM exits
 * to {@code target/iam-check/requests-<start time>-<pid>.txt} of the working directory (a module's directory under
 * Maven), for a person to read; the names sort by the time the JVM started, as a test may start further JVMs.
 */
public final class RecordedRequests {
    /** Where to write the report instead; {@code none} writes none. */
    public static final String REPORT_PROPERTY = "eventstream.iam.report";

    private static final RecordedRequests OF_THIS_JVM = new RecordedRequests();
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OF_THIS_JVM::writeReport, "eventstream-iam-report"));
    }

    private final Map<String, LongAdder> allowed = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> testOnly = new ConcurrentSkipListMap<>();
    private volatile @Nullable Path policies;

    RecordedRequests() {}

    /** The record of this JVM, reported at exit. */
    public static RecordedRequests ofThisJvm() {
        return OF_THIS_JVM;
    }

    void allowed(String adapter, String operation, Permission permission, String statementResource,
            IamPolicy policy) {
        count(allowed, String.join("\t", adapter, operation, permission.action(), statementResource, policy.name()));
    }

    void refused(String message) {
        count(refused, message);
    }

    void testOnly(String service, String operation) {
        count(testOnly, service + "." + operation);
    }

    void checkedAgainst(Path directory) {
        policies = directory;
    }

    /** The messages of the refused requests, in order. */
    public List<String> refusals() {
        return List.copyOf(refused.keySet());
    }

    /** The report as written at exit. */
    public String report() {
        StringBuilder report = new StringBuilder("AWS requests of JVM ").append(ProcessHandle.current().pid())
                .append(", checked against the IAM policies in ").append(policies == null ? "(none read)" : policies)
                .append(" (see docs/iam-policies.md)\n");
        section(report, "Allowed: adapter, SDK operation, action, resource of the statement that allowed it,"
                + " policy file, requests", allowed);
        section(report, "Refused (each failed the request that needed it)", refused);
        section(report, "Test-only clients, not checked: operation, requests", testOnly);
        return report.toString();
    }

    private void writeReport() {
        String configured = System.getProperty(REPORT_PROPERTY);
        if ("none".equals(configured) || (allowed.isEmpty() && refused.isEmpty() && testOnly.isEmpty())) {
            return;
        }
        Path target = Path.of(System.getProperty("user.dir"), "target");
        Instant started = Instant.now().minusMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        Path file = configured != null ? Path.of(configured) : target.resolve("iam-check")
                .resolve("requests-" + STARTED.format(started) + "-" + ProcessHandle.current().pid() + ".txt");
        if (configured == null && !Files.isDirectory(target)) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, report());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the IAM check's report to " + file, e);
        }
    }

    private static void section(StringBuilder report, String title, Map<String, LongAdder> counts) {
        report.append('\n').append(title).append(":\n");
        if (counts.isEmpty()) {
            report.append("  (none)\n");
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((key, count) -> lines.add("  " + key + "\t" + count.sum()));
        lines.forEach(line -> report.append(line).append('\n'));
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
