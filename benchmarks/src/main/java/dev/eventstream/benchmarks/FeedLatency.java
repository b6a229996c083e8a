package dev.eventstream.benchmarks;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.testkit.moto.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * How long an appended event takes to reach a catch-up subscriber of the same process, on moto (which serves
 * DynamoDB Streams): a store with the in-process indexer ({@code feedMode} IN_PROCESS) and a subscription of a
 * group of its own; events appended one at a time at a fixed rate, each timed from the append's return to the
 * subscriber's call. Also when the chunk holding each event was written (the feed's advance signal, taken as the
 * last one before the delivery), which splits the time into the indexer's part and the subscription's.
 *
 * <p>Not a JMH benchmark: it measures latency at a modest rate, not throughput. {@link #main} runs it alone on a
 * moto it starts ({@code -Dbench.feedLatencyEvents}, {@code -Dbench.feedLatencyRate}).
 */
public final class FeedLatency {
    /** Events appended (and delivered) before the measurement, so that lease, shard iterator and clients are warm. */
    private static final int WARM_UP_EVENTS = 5;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    static final int STREAMS = 10;
    private static final int GET_RECORDS_PROBES = 20;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));

    /**
     * One run's figures, in microseconds, sorted.
     *
     * @param appendToSubscriber from the append's return to the subscriber's call
     * @param appendToChunk from the append's return to the advance signal of the chunk holding the event
     * @param chunkToSubscriber from that signal to the subscriber's call
     * @param requests the round trips of the store's DynamoDB requests during the measurement, by operation, and
     *     of empty GetRecords calls on the stream (as the idle indexer sends them) timed after it
     */
    record Result(int events, double perSecond, long[] appendToSubscriber, long[] appendToChunk,
            long[] chunkToSubscriber, Map<String, long[]> requests) {
        /** The nearest-rank percentile {@code p} (0 < p <= 100) of {@code sorted}, in milliseconds. */
        static double percentileMillis(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1000.0;
        }
    }

    private FeedLatency() {}

    public static void main(String[] args) {
        int events = Integer.getInteger("bench.feedLatencyEvents", 250);
        double rate = Double.parseDouble(System.getProperty("bench.feedLatencyRate", "10"));
        Result result = measure(MotoServer.shared().endpoint(), events, rate);
        System.out.println(Report.feedLatencyTable(result));
    }

    /**
     * Appends {@code events} events at {@code perSecond} to a new table on the DynamoDB engine at {@code endpoint}
     * and times their delivery.
     *
     * @throws IllegalStateException when an event is not delivered within a minute of the last append
     */
    static Result measure(URI endpoint, int events, double perSecond) {
        String table = "feed-latency-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoDbConfig config = DynamoDbConfig.builder()
                .tableName(table)
                .createTable(true)
                .feedMode(DynamoDbConfig.FeedMode.IN_PROCESS)
                .endpointUrl(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
        Map<UUID, Long> delivered = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> advances = new ConcurrentLinkedQueue<>();
        RequestTimer timer = new RequestTimer(config.feedTableName());
        try (DynamoDbClient client = DynamoDbClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .overrideConfiguration(o -> o.addExecutionInterceptor(timer))
                        .build();
                DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(client, config);
                DefaultEventStore store = DefaultEventStore.builder(persistence).build()) {
            FeedStorage feed = persistence.feed().orElseThrow();
            try (AutoCloseable signal = feed.entries().onAdvance(() -> advances.add(System.nanoTime()));
                    FeedSubscription subscription = store.subscribeToFeed(CatchUp.group("latency"),
                            (FeedEntry entry) -> delivered.putIfAbsent(entry.event().eventId(), System.nanoTime()))) {
                List<EventStream> streams = new ArrayList<>(STREAMS);
                for (int i = 0; i < STREAMS; i++) {
                    streams.add(store.getEventStream(Workload.newStream("latency")));
                }
                Map<UUID, Long> warmUp = appendAtRate(streams, WARM_UP_EVENTS, perSecond);
                awaitDelivered(warmUp, delivered, subscription);
                timer.reset();
                Map<UUID, Long> appended = appendAtRate(streams, events, perSecond);
                awaitDelivered(appended, delivered, subscription);
                Map<String, long[]> requests = new TreeMap<>(timer.snapshot());
                requests.put("GetRecords, empty (DynamoDB Streams, timed after)",
                        emptyGetRecords(client, endpoint, table));
                return result(events, perSecond, appended, delivered, advances, requests);
            }
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("closing the latency store failed", e);
        }
    }

    /** Appends one event at a time, at fixed times {@code 1/perSecond} apart; returns each one's return time. */
    private static Map<UUID, Long> appendAtRate(List<EventStream> streams, int events, double perSecond) {
        Map<UUID, Long> returned = new ConcurrentHashMap<>();
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = start + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long sequence = i / streams.size() + 1;
            RecordedEvent event = streams.get(i % streams.size()).addEvent(Workload.type(sequence),
                    Workload.payload(sequence));
            returned.put(event.eventId(), System.nanoTime());
        }
        return returned;
    }

    private static void awaitDelivered(Map<UUID, Long> appended, Map<UUID, Long> delivered,
            FeedSubscription subscription) {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (!delivered.keySet().containsAll(appended.keySet())) {
            if (System.nanoTime() > deadline) {
                long missing = appended.keySet().stream().filter(id -> !delivered.containsKey(id)).count();
                throw new IllegalStateException(missing + " of " + appended.size() + " appended events were not"
                        + " delivered within " + DELIVERY_TIMEOUT + " (subscription failure: "
                        + subscription.failure() + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * The round trips of {@value #GET_RECORDS_PROBES} GetRecords calls at the end of the stream, which find nothing:
     * what each idle poll of the indexer costs on this engine, measured while the indexer and the subscription
     * still run.
     */
    private static long[] emptyGetRecords(DynamoDbClient client, URI endpoint, String table) {
        String arn = client.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build()) {
            String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0)
                    .shardId();
            String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            long[] micros = new long[GET_RECORDS_PROBES];
            for (int i = 0; i < micros.length; i++) {
                String current = iterator;
                long start = System.nanoTime();
                GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(current));
                micros[i] = micros(System.nanoTime() - start);
                iterator = response.nextShardIterator();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            Arrays.sort(micros);
            return micros;
        }
    }

    private static Result result(int events, double perSecond, Map<UUID, Long> appended, Map<UUID, Long> delivered,
            ConcurrentLinkedQueue<Long> advances, Map<String, long[]> requests) {
        long[] signals = advances.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] total = new long[events];
        long[] toChunk = new long[events];
        long[] fromChunk = new long[events];
        int i = 0;
        for (Map.Entry<UUID, Long> event : appended.entrySet()) {
            long returned = event.getValue();
            long reached = delivered.get(event.getKey());
            // The advance that woke the delivery: the last one up to it.
            int at = Arrays.binarySearch(signals, reached);
            int index = at >= 0 ? at : -at - 2;
            long chunk = index >= 0 ? signals[index] : reached;
            total[i] = micros(reached - returned);
            toChunk[i] = micros(chunk - returned);
            fromChunk[i] = micros(reached - chunk);
            i++;
        }
        Arrays.sort(total);
        Arrays.sort(toChunk);
        Arrays.sort(fromChunk);
        return new Result(events, perSecond, total, toChunk, fromChunk, requests);
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }
}
