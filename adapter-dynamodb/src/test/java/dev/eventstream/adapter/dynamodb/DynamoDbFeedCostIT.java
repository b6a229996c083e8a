package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.adapter.dynamodb.RequestLog.Request;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.testkit.Await;
import dev.eventstream.testkit.RecordingPublisher;
import dev.eventstream.testkit.moto.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What notifications from the feed cost in writes: two stores as two processes of one service, each with the feed
 * indexed in process (their indexers competing for its lease) and its notifications published from the feed (their
 * instances of the notifications group competing for its lease), write {@value #EVENTS} events between them (each
 * from {@value #WRITERS_PER_PROCESS} threads of {@value #STREAMS_PER_WRITER} streams each, as a service handles
 * several requests at once) while the group publishes them all. Every write request the stores send to the events table and the feed table is
 * counted, failed conditional ones included (DynamoDB charges them), with its capacity units by DynamoDB's rules
 * ({@link RequestLog}): the events' own writes, the feed's chunks, the leases (renewals, standbys' attempts,
 * releases), the group's checkpoints. The breakdown is printed and written to {@code target/dynamodb-feed-cost.md}.
 *
 * <p>On moto served one request at a time, which the conditional writes of leases and chunks raced by the two
 * stores need. Its pace (about a hundred requests a second for both stores, their indexers and groups together)
 * is slower than DynamoDB's, which makes the writes paced by the clock (chunks, at most one per indexer poll;
 * lease renewals; checkpoints) weigh more per event here than they would at the same load on DynamoDB. The bound
 * holds from a rate of events on, which the test prints: at a trickle, those writes per event grow.
 */
class DynamoDbFeedCostIT {
    private static final int EVENTS = 200;
    private static final int WRITERS_PER_PROCESS = 4;
    private static final int STREAMS_PER_WRITER = 2;
    /** What notifications from the feed may cost per published event, the event's own write included. */
    private static final double MAX_WCU_PER_EVENT = 1.5;
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String EVENTS_KIND = "events (the events table)";
    private static final Set<String> WRITES =
            Set.of("PutItem", "UpdateItem", "TransactWriteItems", "DeleteItem", "BatchWriteItem");

    /** Its tables stay until moto stops, as in {@link DynamoDbFeedContractIT}. */
    private static final TestEngine ENGINE = new TestEngine(MotoServer.oneRequestAtATime().endpoint());

    @Test
    void publishingEveryEventFromTheFeedCostsAtMostOneAndAHalfWriteUnitsPerEventAllWritesIncluded()
            throws Exception {
        // given: two processes of a service over one table with the feed, each publishing from it
        DynamoDbConfig config = ENGINE.newTable().withFeedMode(FeedMode.IN_PROCESS);
        new DynamoDbEventPersistence(ENGINE.admin(), config.withFeedMode(FeedMode.EXTERNAL)).close();
        RequestLog log = new RequestLog();
        List<RecordingPublisher> publishers = List.of(new RecordingPublisher(), new RecordingPublisher());
        List<DynamoDbClient> clients = List.of(ENGINE.client(log), ENGINE.client(log));
        long started = System.nanoTime();
        List<DefaultEventStore> stores = new ArrayList<>();
        for (int process = 0; process < 2; process++) {
            stores.add(DefaultEventStore.builder(new DynamoDbEventPersistence(clients.get(process),
                            config.withCreateTable(false)))
                    .publisher(publishers.get(process))
                    .build());
        }

        // when: each writes half the events from several threads, each round-robin over streams of its own, and
        // the group publishes them; a process's first append comes first (it learns that the aggregation exists,
        // which spares its later appends the transaction that records a new aggregation)
        Set<UUID> committed = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_PROCESS);
        try {
            List<Future<?>> writing = new ArrayList<>();
            for (int process = 0; process < 2; process++) {
                for (int writer = 0; writer < WRITERS_PER_PROCESS; writer++) {
                    Writer streams = new Writer(stores.get(process), "p" + process + "-w" + writer);
                    int count = EVENTS / 2 / WRITERS_PER_PROCESS;
                    if (writer == 0) {
                        streams.write(1, committed);
                        count--;
                    }
                    int events = count;
                    writing.add(writers.submit(() -> streams.write(events, committed)));
                }
            }
            for (Future<?> done : writing) {
                done.get();
            }
        } finally {
            writers.shutdown();
        }
        Await.until(BOUND, () -> "every event published", () -> published(publishers).containsAll(committed));
        stores.forEach(DefaultEventStore::close);
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.forEach(DynamoDbClient::close);

        // then
        List<Request> writes = log.requests().stream().filter(r -> WRITES.contains(r.operation())).toList();
        String feedTable = config.feedTableName();
        Map<String, Predicate<Request>> kinds = new LinkedHashMap<>();
        kinds.put(EVENTS_KIND, r -> config.tableName().equals(r.table()));
        kinds.put("feed chunks", r -> feedTable.equals(r.table()) && "feed".equals(r.partition()));
        kinds.put("lease " + StreamsIndexer.LEASE, r -> feedTable.equals(r.table())
                && (DynamoDbLeases.PREFIX + StreamsIndexer.LEASE).equals(r.partition()));
        kinds.put("lease group:$notifications", r -> feedTable.equals(r.table())
                && (DynamoDbLeases.PREFIX + "group:$notifications").equals(r.partition()));
        kinds.put("checkpoints", r -> feedTable.equals(r.table()) && r.partition() != null
                && r.partition().startsWith(DynamoDbCheckpoints.PREFIX));
        List<String> rows = new ArrayList<>();
        Map<String, Double> unitsByKind = new LinkedHashMap<>();
        List<Request> unclassified = new ArrayList<>(writes);
        for (Map.Entry<String, Predicate<Request>> kind : kinds.entrySet()) {
            List<Request> of = writes.stream().filter(kind.getValue()).toList();
            unclassified.removeAll(of);
            double units = of.stream().mapToDouble(Request::rulesCapacity).sum();
            unitsByKind.put(kind.getKey(), units);
            rows.add(row(kind.getKey(), of, units, committed.size()));
        }
        double total = unitsByKind.values().stream().mapToDouble(Double::doubleValue).sum();
        rows.add(row("all writes", writes, total, committed.size()));
        // What the feed adds is paced by the clock more than by the events: chunks at most one per indexer poll,
        // lease renewals, checkpoints at most one per checkpoint interval. Per second, it says from which rate of
        // events on the total per event stays within the bound on DynamoDB, whose pace is not moto's.
        double ownPerEvent = unitsByKind.get(EVENTS_KIND) / committed.size();
        double feedPerSecond = (total - unitsByKind.get(EVENTS_KIND)) / seconds;
        FeedShape chunks = feedShape(config.feedTableName());
        String markdown = String.format(Locale.ROOT, "%d events written by two processes (%d writers of %d streams each) and"
                        + " published from the feed, in %.1f s on moto served one request at a time; the feed: %d"
                        + " chunks of %.1f entries on average, %.0f bytes each%n%n"
                        + "| writes | requests (failed) | WCU by DynamoDB's rules | WCU per published event |%n"
                        + "|---|---|---|---|%n%s%n%n"
                        + "The feed's writes (chunks, leases, checkpoints) came to %.2f WCU per second from the"
                        + " stores' start to their close: beside the events' own %.2f WCU each, the total stays within %.1f WCU per event"
                        + " from about %.0f events per second on.%n", committed.size(), WRITERS_PER_PROCESS, STREAMS_PER_WRITER, seconds,
                chunks.chunks(), chunks.entries() / (double) chunks.chunks(), chunks.bytes() / (double) chunks.chunks(),
                String.join("\n", rows), feedPerSecond, ownPerEvent, MAX_WCU_PER_EVENT,
                Math.ceil(feedPerSecond / (MAX_WCU_PER_EVENT - ownPerEvent)));
        System.out.println(markdown);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "dynamodb-feed-cost.md"), markdown);

        assertThat(committed).hasSize(EVENTS);
        assertThat(chunks.entries()).as("feed entries").isEqualTo(EVENTS);
        assertThat(unclassified).as("writes of no kind counted").isEmpty();
        assertThat(total / committed.size()).as("WCU per published event, all writes included")
                .isLessThanOrEqualTo(MAX_WCU_PER_EVENT);
    }

    private static Set<UUID> published(List<RecordingPublisher> publishers) {
        Set<UUID> ids = new HashSet<>();
        publishers.forEach(p -> p.published().forEach(event -> ids.add(event.eventId())));
        return ids;
    }

    private static String row(String kind, List<Request> requests, double units, int events) {
        long failed = requests.stream().filter(r -> !r.succeeded()).count();
        Map<String, Long> byOperation = requests.stream()
                .collect(Collectors.groupingBy(Request::operation, TreeMap::new, Collectors.counting()));
        String operations = byOperation.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(" + "));
        return String.format(Locale.ROOT, "| %s | %d%s (%d) | %s | %.3f |", kind, requests.size(),
                operations.isEmpty() ? "" : ": " + operations, failed, format(units), units / events);
    }

    private static String format(double units) {
        return units == Math.rint(units) ? String.valueOf((long) units) : String.valueOf(units);
    }

    /** The chunks the feed table holds: how many, their entries, their bytes. */
    private record FeedShape(int chunks, long entries, long bytes) {}

    private FeedShape feedShape(String feedTable) {
        int chunks = 0;
        long entries = 0;
        long bytes = 0;
        for (QueryResponse page : ENGINE.admin().queryPaginator(r -> r.tableName(feedTable).consistentRead(true)
                .keyConditionExpression("pk = :feed")
                .expressionAttributeValues(Map.of(":feed", AttributeValue.fromS("feed"))))) {
            for (Map<String, AttributeValue> item : page.items()) {
                chunks++;
                entries += Long.parseLong(item.get("n").n());
                bytes += ItemSize.of(item);
            }
        }
        return new FeedShape(chunks, entries, bytes);
    }

    /** One of a process's writers: round-robin over streams of its own. */
    private static final class Writer {
        private final List<EventStream> streams = new ArrayList<>();
        private int written;

        Writer(DefaultEventStore store, String name) {
            for (int i = 1; i <= STREAMS_PER_WRITER; i++) {
                streams.add(store.getEventStream("orders", name + "-" + i));
            }
        }

        void write(int count, Set<UUID> committed) {
            for (int end = written + count; written < end; written++) {
                int n = written;
                RecordedEvent event = streams.get(n % streams.size())
                        .addEvent("LINE_ADDED", Map.of("orderId", "o-000123", "line", n, "amount", 4250));
                committed.add(event.eventId());
            }
        }
    }
}
