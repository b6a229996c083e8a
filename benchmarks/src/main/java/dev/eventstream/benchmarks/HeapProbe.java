package dev.eventstream.benchmarks;

import static dev.eventstream.benchmarks.EventItems.TABLE;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads one whole stream in a JVM of its own and reports how far the live heap grew meanwhile: lazily through
 * {@code readEvents()}, or as one list through {@code getEvents()}. {@link HeapMeasurement} starts it with a serial
 * collector, whose {@code System.gc()} is a full, compacting collection: the heap used right after it is exactly
 * what is still reachable. A sampler thread takes that reading every {@value #SAMPLE_MILLIS} ms while the stream is
 * read, and the read takes one more at fixed points: every {@value #EVENTS_PER_SAMPLE} events of a lazy read (a
 * third of a 1 MB DynamoDB page of these events), and with the whole list in hand.
 *
 * <p>Arguments: endpoint, aggregation, stream id, {@code lazy} or {@code list}. Prints one line starting with
 * {@value #RESULT_PREFIX}.
 */
public final class HeapProbe {
    static final String RESULT_PREFIX = "heap-probe:";
    private static final long SAMPLE_MILLIS = 250;
    private static final long EVENTS_PER_SAMPLE = 2_000;

    private HeapProbe() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4 || !List.of("lazy", "list").contains(args[3])) {
            throw new IllegalArgumentException(
                    "usage: HeapProbe <endpoint> <aggregation> <stream id> lazy|list, was " + List.of(args));
        }
        URI endpoint = URI.create(args[0]);
        StreamKey key = new StreamKey(args[1], args[2]);
        boolean lazy = args[3].equals("lazy");
        RequestCounter requests = new RequestCounter();
        try (DynamoDbClient client = DynaliteEngine.client(endpoint, requests);
                DynamoDbEventPersistence persistence =
                        new DynamoDbEventPersistence(client, DynamoDbConfig.builder().tableName(TABLE)
                                .feedMode(DynamoDbConfig.FeedMode.OFF).build())) {
            EventStream stream = new DefaultEventStore(persistence).getEventStream(key);
            // Loads the classes and opens the connection, so the baseline holds them already.
            stream.getEvents(0, 10);
            long baseline = liveHeap();
            AtomicLong peak = new AtomicLong(baseline);
            long before = requests.total();
            long started = System.nanoTime();
            Thread sampler = new Thread(() -> sample(peak), "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long[] read = lazy ? readLazily(stream, peak) : readAsList(stream, peak);
            sampler.interrupt();
            sampler.join();
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("%s variant=%s events=%d sequenceSum=%d baselineBytes=%d peakBytes=%d requests=%d"
                            + " millis=%d%n", RESULT_PREFIX, args[3], read[0], read[1], baseline, peak.get(),
                    requests.total() - before, millis);
        }
    }

    /** @return the number of events read and the sum of their sequences */
    private static long[] readLazily(EventStream stream, AtomicLong peak) {
        long[] read = new long[2];
        stream.readEvents().forEach(event -> {
            read[0]++;
            read[1] += event.sequence();
            if (read[0] % EVENTS_PER_SAMPLE == 0) {
                peak.accumulateAndGet(liveHeap(), Math::max);
            }
        });
        return read;
    }

    private static long[] readAsList(EventStream stream, AtomicLong peak) {
        List<RecordedEvent> events = stream.getEvents();
        peak.accumulateAndGet(liveHeap(), Math::max);
        long sum = events.stream().mapToLong(RecordedEvent::sequence).sum();
        long[] read = {events.size(), sum};
        Reference.reachabilityFence(events);
        return read;
    }

    private static void sample(AtomicLong peak) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            peak.accumulateAndGet(liveHeap(), Math::max);
        }
    }

    /** The bytes still reachable: the heap in use right after a full collection. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
