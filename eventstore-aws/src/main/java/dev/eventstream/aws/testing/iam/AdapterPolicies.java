package dev.eventstream.aws.testing.iam;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The policy files of every adapter, from one directory ({@code docs/iam}). An adapter's files are named after it:
 * the adapter in package {@code dev.eventstream.adapter.sqs} has {@code sqs.json} and every {@code sqs-*.json}.
 */
public final class AdapterPolicies {
    /** Where the policy files are, when not found by looking for {@code docs/iam} upwards of the working dir. */
    public static final String DIRECTORY_PROPERTY = "eventstream.iam.policies";

    private static @Nullable AdapterPolicies ofThisBuild;

    private final Path directory;
    private final Map<String, List<IamPolicy>> byAdapter;

    private AdapterPolicies(Path directory, Map<String, List<IamPolicy>> byAdapter) {
        this.directory = directory;
        this.byAdapter = byAdapter;
    }

    /**
     * The policies in {@code directory}.
     *
     * @throws IllegalArgumentException when a file is not a policy of the supported form
     */
    public static AdapterPolicies read(Path directory) {
        requireNonNull(directory, "directory is null");
        Map<String, List<IamPolicy>> byAdapter = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                byAdapter.computeIfAbsent(adapterOf(file.getFileName().toString()), a -> new ArrayList<>())
                        .add(IamPolicy.read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the IAM policies in " + directory, e);
        }
        byAdapter.replaceAll((adapter, policies) -> List.copyOf(policies));
        return new AdapterPolicies(directory, byAdapter);
    }

    /**
     * The policies of this source tree: {@code docs/iam} of the first directory upwards of the working directory
     * that has one, or the directory the system property {@value #DIRECTORY_PROPERTY} names. Read once per JVM.
     *
     * @throws IllegalStateException when there is no such directory
     */
    public static synchronized AdapterPolicies ofThisBuild() {
        if (ofThisBuild == null) {
            ofThisBuild = read(findDirectory());
        }
        return ofThisBuild;
    }

    private static Path findDirectory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("iam");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docs/iam directory upwards of " + start
                + ": set -D" + DIRECTORY_PROPERTY + " to the directory of the adapters' IAM policies");
    }

    private static String adapterOf(String fileName) {
        String base = fileName.substring(0, fileName.length() - ".json".length());
        int dash = base.indexOf('-');
        return dash < 0 ? base : base.substring(0, dash);
    }

    /** The directory the policies were read from. */
    public Path directory() {
        return directory;
    }

    /** The policies of {@code adapter} (such as {@code dynamodb}), in file name order; empty when it has none. */
    public List<IamPolicy> of(String adapter) {
        return byAdapter.getOrDefault(adapter, List.of());
    }

    /** Every policy, by adapter. */
    public Map<String, List<IamPolicy>> all() {
        return byAdapter;
    }
}
