package dev.eventstream.benchmarks;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.testkit.moto.MotoServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Cold start: how long a fresh JVM takes from its start to its first committed append, the library
 * ({@link ColdStartSide} {@code library}) against bare SDK code ({@code bare}), on one moto server started here.
 * The table (with its stream and feed table) and the topic are made before any timed JVM starts. The sides run in
 * turn, {@code -Dbench.coldStartRuns} JVMs each (default 7), the first side alternating from round to round;
 * {@code -Dbench.coldStartJvmOptions} adds options to the timed JVMs, {@code -Dbench.coldStartHttp} chooses both
 * sides' HTTP client ({@code APACHE5}, {@code URL_CONNECTION}) and {@code -Dbench.coldStartCheckTopic=true} has the
 * library check its topic at start, as it did before the start-up work was cut. Prints each side's median and the ratio
 * library/bare, and the requests each side sent before its append.
 */
public final class ColdStart {
    private static final String TABLE = "cold-start-events";
    private static final List<String> SIDES = List.of("library", "bare");

    /** One timed JVM's figures. */
    record Run(String side, long millis, List<String> beforeAppend, List<String> byReturn) {}

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--prepare")) {
            // For looking at one JVM by hand: the table and topic on a running moto.
            System.out.println(prepare(URI.create(args[1])));
            return;
        }
        int runs = Integer.getInteger("bench.coldStartRuns", 7);
        String jvmOptions = System.getProperty("bench.coldStartJvmOptions", "").trim();
        try (MotoServer moto = MotoServer.startAllServicesOneRequestAtATime()) {
            String endpoint = moto.endpoint().toString();
            String topicArn = prepare(moto.endpoint());
            Path interceptors = interceptorResource();
            Map<String, List<Run>> bySide = new LinkedHashMap<>();
            SIDES.forEach(side -> bySide.put(side, new ArrayList<>()));
            for (int round = 0; round < runs; round++) {
                List<String> order = round % 2 == 0 ? SIDES : List.of(SIDES.get(1), SIDES.get(0));
                for (String side : order) {
                    bySide.get(side).add(launch(side, endpoint, topicArn, interceptors, jvmOptions));
                }
            }
            System.out.println(report(bySide, runs, jvmOptions));
        }
    }

    /** The events table (by the library, with its stream and feed table) and the topic, before any timed JVM. */
    private static String prepare(URI endpoint) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
        DynamoDbConfig config = DynamoDbConfig.builder()
                .tableName(TABLE)
                .createTable(true)
                .endpointUrl(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        new DynamoDbEventPersistence(config).close();
        try (SnsClient sns = SnsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build()) {
            return sns.createTopic(r -> r.name("cold-start-events")).topicArn();
        }
    }

    /** A class path entry that makes every SDK client of a timed JVM record its requests. */
    private static Path interceptorResource() throws IOException {
        Path dir = Files.createTempDirectory("cold-start-interceptors-");
        Path file = dir.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(file.getParent());
        Files.writeString(file, ColdStartRequests.class.getName() + "\n");
        file.toFile().deleteOnExit();
        return dir;
    }

    private static Run launch(String side, String endpoint, String topicArn, Path interceptors, String jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Daws.disableEc2Metadata=true");
        command.add("-Dbench.coldStartHttp=" + ColdStartSide.HTTP);
        command.add("-Dbench.coldStartCheckTopic=" + Boolean.getBoolean("bench.coldStartCheckTopic"));
        if (!jvmOptions.isEmpty()) {
            command.addAll(Arrays.asList(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-cp", interceptors + File.pathSeparator + System.getProperty("java.class.path"),
                ColdStartSide.class.getName(), side, endpoint, TABLE, topicArn));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(ColdStartSide.LINE_PREFIX)) {
                    result = line.substring(ColdStartSide.LINE_PREFIX.length());
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        int exit = process.waitFor();
        if (result == null || exit != 0) {
            throw new IllegalStateException("the " + side + " JVM exited with " + exit + " and no result:\n" + output);
        }
        String[] fields = result.split(" ", -1);
        return new Run(fields[0], Long.parseLong(fields[1]), requests(fields[2]), requests(fields[3]));
    }

    private static List<String> requests(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    static String report(Map<String, List<Run>> bySide, int runs, String jvmOptions) {
        StringBuilder text = new StringBuilder();
        text.append("Cold start to the first committed append, ").append(runs).append(" JVMs a side, HTTP client ")
                .append(ColdStartSide.HTTP)
                .append(jvmOptions.isEmpty() ? "" : " (" + jvmOptions + ")").append('\n');
        Map<String, Long> medians = new LinkedHashMap<>();
        bySide.forEach((side, list) -> {
            long[] millis = list.stream().mapToLong(Run::millis).sorted().toArray();
            long median = millis[millis.length / 2];
            medians.put(side, median);
            Run first = list.get(0);
            text.append(String.format("%-8s median %5d ms  runs %s%n", side, median,
                    list.stream().map(r -> Long.toString(r.millis())).collect(Collectors.joining(" "))));
            text.append(String.format("         requests before the append: %d %s%n", first.beforeAppend().size(),
                    counted(first.beforeAppend())));
            text.append(String.format("         requests by its return:     %d %s%n", first.byReturn().size(),
                    counted(first.byReturn())));
        });
        text.append(String.format("ratio library/bare: %.2f%n",
                (double) medians.get("library") / medians.get("bare")));
        return text.toString();
    }

    /** {@code [DynamoDb:DescribeTable x2, Sns:GetTopicAttributes]}, in order of first appearance. */
    private static String counted(List<String> requests) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        requests.forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts.entrySet().stream()
                .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
