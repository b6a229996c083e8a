package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.eventstream.adapter.dynamodb.RequestLog.Request;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Fold;
import dev.eventstream.api.Folded;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.PublicationOutbox;
import dev.eventstream.testkit.accounts.Account;
import dev.eventstream.testkit.accounts.AccountEvent;
import dev.eventstream.testkit.accounts.AccountTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What each operation costs, on moto: the requests the store sends, counted by an interceptor on its client, and
 * the capacity units, as moto reports them and as DynamoDB would charge them by its published rules. The request
 * counts are what docs/dynamodb-cost.md states, and this test holds the store to them; the table it prints to
 * {@code target/dynamodb-cost.md} is the one in the doc.
 */
class DynamoDbCostIT {
    private static final Map<String, Object> SMALL_PAYLOAD =
            Map.of("orderId", "o-000123", "amount", 4250, "currency", "EUR", "note", "leave at the door");
    private static final Map<String, Object> TWO_KB_PAYLOAD = Map.of("orderId", "o-000123", "blob", "x".repeat(2_000));

    private static final Set<String> WRITES = Set.of("PutItem", "TransactWriteItems", "UpdateItem");

    private static TestEngine moto;
    private static DynamoDbConfig table;
    private static RequestLog log;
    private static DynamoDbClient client;
    private static final List<String> rows = new ArrayList<>();

    @BeforeAll
    static void openTable() {
        moto = TestEngine.moto();
        table = moto.newTable();
        log = new RequestLog();
        client = moto.client(log);
    }

    @AfterAll
    static void printTableAndClose() throws IOException {
        if (moto == null) {
            return;
        }
        String markdown = "| operation | requests | items read | capacity units by DynamoDB's rules |"
                + " capacity units moto reported |\n|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println(markdown);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "dynamodb-cost.md"), markdown);
        client.close();
        moto.deleteTable(table.tableName());
    }

    /** A store as a newly started process has it: it knows no stream's version and no aggregation yet. */
    private static DefaultEventStore newProcess() {
        DefaultEventStore store = new DefaultEventStore(new DynamoDbEventPersistence(client, table));
        log.clear();
        return store;
    }

    private static List<Request> measure(String operation, Runnable action) {
        log.clear();
        action.run();
        List<Request> requests = log.requests();
        rows.add(row(operation, requests));
        return requests;
    }

    @Test
    void appendingCostsOneWriteRequestAndAReadOnlyWhenTheVersionIsUnknown() {
        DefaultEventStore process = newProcess();
        EventStream first = process.getEventStream("orders", "cost-1");
        EventStream second = process.getEventStream("orders", "cost-2");

        assertThat(measure("addEvent: first stream of an aggregation, new process",
                () -> first.addEvent("PLACED", SMALL_PAYLOAD)))
                .extracting(Request::operation).containsExactly("Query", "TransactWriteItems");
        assertThat(measure("addEvent: new stream of an aggregation this process wrote to",
                () -> second.addEvent("PLACED", SMALL_PAYLOAD)))
                .extracting(Request::operation).containsExactly("Query", "PutItem");
        assertThat(measure("addEvent: stream this process appended to or read",
                () -> first.addEvent("PAID", SMALL_PAYLOAD)))
                .extracting(Request::operation).containsExactly("PutItem");
        assertThat(measure("append of 10 at exactly(v): stream known to this process",
                () -> first.append(ExpectedVersion.exactly(2), events(10, SMALL_PAYLOAD))))
                .extracting(Request::operation).containsExactly("TransactWriteItems");
        assertThat(measure("append of 100 at exactly(v): stream known to this process",
                () -> first.append(ExpectedVersion.exactly(12), events(100, SMALL_PAYLOAD))))
                .extracting(Request::operation).containsExactly("TransactWriteItems");

        EventStream inNewProcess = newProcess().getEventStream("orders", "cost-1");
        assertThat(measure("addEvent: existing stream, new process",
                () -> inNewProcess.addEvent("SENT", SMALL_PAYLOAD)))
                .extracting(Request::operation).containsExactly("Query", "PutItem");
        EventStream inAnotherNewProcess = newProcess().getEventStream("orders", "cost-1");
        assertThat(measure("append of 10 at exactly(v): existing stream, new process",
                () -> inAnotherNewProcess.append(ExpectedVersion.exactly(113), events(10, SMALL_PAYLOAD))))
                .extracting(Request::operation).containsExactly("Query", "TransactWriteItems");
    }

    @Test
    void conflictsAndRetriesCostOneReadWhenTheProcessKnowsTheStream() {
        DefaultEventStore process = newProcess();
        EventStream stream = process.getEventStream("orders", "conflict-1");
        List<NewEvent> batch = events(3, SMALL_PAYLOAD);
        stream.append(ExpectedVersion.noStream(), batch);

        assertThat(measure("retry of a stored append (idempotent): stream known to this process",
                () -> stream.append(ExpectedVersion.noStream(), batch)))
                .extracting(Request::operation).containsExactly("Query");
        assertThat(measure("append at a stale exactly(v) (conflict): stream known to this process",
                () -> assertThatThrownBy(() -> stream.append(ExpectedVersion.exactly(1), events(1, SMALL_PAYLOAD)))
                        .isInstanceOf(WrongExpectedVersionException.class)))
                .extracting(Request::operation).containsExactly("Query");

        EventStream inNewProcess = newProcess().getEventStream("orders", "conflict-1");
        assertThat(measure("append at noStream (conflict): existing stream, new process",
                () -> assertThatThrownBy(() -> inNewProcess.append(ExpectedVersion.noStream(),
                        events(1, SMALL_PAYLOAD))).isInstanceOf(WrongExpectedVersionException.class)))
                .extracting(Request::operation, Request::succeeded)
                .containsExactly(tuple("TransactWriteItems", false), tuple("Query", true));
    }

    @Test
    void trackingPublicationsCostsNoExtraRequestOnAppendAndOneUpdatePerPublishedEvent() {
        DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(client, table);
        PublicationOutbox outbox = persistence.enablePublicationTracking().orElseThrow();
        EventStream stream = new DefaultEventStore(persistence).getEventStream("tracked", "t-1");
        stream.addEvent("PLACED", SMALL_PAYLOAD);
        log.clear();

        List<RecordedEvent> appended = new ArrayList<>();
        assertThat(measure("addEvent with publication tracking, stream known to this process",
                () -> appended.add(stream.addEvent("PAID", SMALL_PAYLOAD))))
                .extracting(Request::operation).containsExactly("PutItem");
        assertThat(measure("append of 10 with publication tracking, stream known to this process",
                () -> appended.addAll(stream.append(ExpectedVersion.exactly(2), events(10, SMALL_PAYLOAD)).events())))
                .extracting(Request::operation).containsExactly("TransactWriteItems");
        assertThat(measure("pendingPublications(500) with 12 events pending",
                () -> assertThat(outbox.pendingPublications(null, 500)).hasSize(12)))
                .extracting(Request::operation)
                .containsExactlyElementsOf(Stream.concat(
                        Collections.nCopies(EventItem.PENDING_SHARDS, "Query").stream(), Stream.of("BatchGetItem"))
                        .toList());
        assertThat(measure("markPublished of 1 event", () -> outbox.markPublished(appended.subList(0, 1))))
                .extracting(Request::operation).containsExactly("UpdateItem");
    }

    @Test
    void readingCostsOneRequestPerPageAndReadsNothingBeforeTheOffset() {
        DefaultEventStore process = newProcess();
        EventStream small = process.getEventStream("reads", "small-1000");
        EventStream large = process.getEventStream("reads", "large-1000");
        appendOneByOne(small, 1_000, SMALL_PAYLOAD);
        appendOneByOne(large, 1_000, TWO_KB_PAYLOAD);

        assertThat(measure("getEvents(): 1,000 events of ~150 B", small::getEvents))
                .extracting(Request::operation).containsExactly("Query");
        assertThat(measure("getEvents(): 1,000 events of ~2 KB (2.1 MB, three 1 MB pages)", large::getEvents))
                .extracting(Request::operation).containsExactly("Query", "Query", "Query");
        List<Request> page = measure("getEvents(500, 10) on 1,000 events", () -> small.getEvents(500, 10));
        assertThat(page).extracting(Request::operation).containsExactly("Query");
        assertThat(page).extracting(Request::itemsRead).containsExactly(10);
        assertThat(measure("loadFromHistory(): 1,000 events of ~150 B, no snapshot yet (one is saved)",
                small::loadFromHistory))
                .extracting(Request::operation).containsExactly("GetItem", "Query", "PutItem");
        assertThat(measure("loadFromHistory(): 1,000 events of ~150 B, from the snapshot", small::loadFromHistory))
                .extracting(Request::operation).containsExactly("GetItem", "Query");
        assertThat(measure("loadFromHistory(): 1,000 events of ~2 KB, no snapshot yet (one is saved)",
                large::loadFromHistory))
                .extracting(Request::operation).containsExactly("GetItem", "Query", "Query", "Query", "PutItem");
        small.addEvent("LINE_ADDED", SMALL_PAYLOAD);
        assertThat(measure("loadFromHistory(): from the snapshot, one event after it", small::loadFromHistory))
                .extracting(Request::operation).containsExactly("GetItem", "Query");
        assertThat(measure("getStreams(aggregation, 0, 100)", () -> process.getStreams("reads", 0, 100)))
                .extracting(Request::operation).containsExactly("Query");
        assertThat(measure("getAggregations(0, 100)", () -> process.getAggregations(0, 100)))
                .extracting(Request::operation).containsExactly("Query");
    }

    @Test
    void aTypedFoldOfTenThousandEventsLoadsInTwoRequestsFromItsStateSnapshot() {
        // Written straight to the table, 25 items a request: appending 10,000 events one by one takes moto minutes.
        EventTypes types = AccountTypes.registry();
        StreamKey stream = new StreamKey("accounts", "cost-10000");
        writeDirectly(stream, () -> types.newEvent(new AccountEvent.Opened("Ada", "EUR")), 1, 1);
        writeDirectly(stream, () -> types.newEvent(new AccountEvent.Deposited(new BigDecimal("0.01"), "EUR")), 2,
                10_000);
        DefaultEventStore typed = DefaultEventStore.builder(new DynamoDbEventPersistence(client, table))
                .eventTypes(types).build();
        Fold<Account, AccountEvent> fold = Account.FOLD.withSnapshots(Account.class, 1);
        EventStream account = typed.getEventStream(stream);

        Folded<Account> first = measured("load(fold): 10,000 typed events, no state snapshot yet (one is saved)",
                () -> account.load(fold));
        account.addEvent(new AccountEvent.Withdrawn(new BigDecimal("1.00")));
        List<Request> second = measure("load(fold): 10,001 typed events, from the state snapshot, one event after it",
                () -> account.load(fold));

        assertThat(first.version()).isEqualTo(10_000);
        assertThat(first.state().balance()).isEqualTo(new BigDecimal("99.99"));
        assertThat(second).extracting(Request::operation).containsExactly("GetItem", "Query");
        assertThat(account.load(fold)).isEqualTo(new Folded<>(new Account("Ada", new BigDecimal("98.99"), 10_000),
                10_001));
    }

    /** Stores new events at sequences {@code from} to {@code to} of {@code stream}, as the store writes items. */
    private static void writeDirectly(StreamKey stream, Supplier<NewEvent> events, long from, long to) {
        List<WriteRequest> writes = new ArrayList<>();
        Instant now = Instant.now();
        for (long sequence = from; sequence <= to; sequence++) {
            EventItem item = EventItem.event(stream, sequence, events.get(), now, null, false);
            writes.add(WriteRequest.builder().putRequest(put -> put.item(EventItem.SCHEMA.itemToMap(item, true)))
                    .build());
        }
        for (int start = 0; start < writes.size(); start += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(table.tableName(),
                    writes.subList(start, Math.min(start + 25, writes.size())));
            while (!batch.isEmpty()) {
                Map<String, List<WriteRequest>> request = batch;
                batch = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    /** What {@code action} returns, its requests logged as {@code operation}'s. */
    private static <T> T measured(String operation, Supplier<T> action) {
        log.clear();
        T result = action.get();
        rows.add(row(operation, log.requests()));
        return result;
    }


    private static List<NewEvent> events(int count, Map<String, Object> payload) {
        return IntStream.range(0, count).mapToObj(i -> NewEvent.of("LINE_ADDED", payload)).toList();
    }

    /** Single appends: moto copies the whole table for every transaction, which makes batches slow there. */
    private static void appendOneByOne(EventStream stream, int count, Map<String, Object> payload) {
        for (int i = 0; i < count; i++) {
            stream.addEvent("LINE_ADDED", payload);
        }
    }

    private static String row(String operation, List<Request> requests) {
        Map<String, Long> byOperation = requests.stream()
                .collect(Collectors.groupingBy(r -> r.operation() + (r.succeeded() ? "" : " (failed)"),
                        TreeMap::new, Collectors.counting()));
        String described = byOperation.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(" + "));
        int itemsRead = requests.stream().mapToInt(Request::itemsRead).sum();
        double rules = requests.stream().mapToDouble(Request::rulesCapacity).sum();
        String reported = requests.stream().anyMatch(r -> r.reportedCapacity() == null)
                ? requests.stream().allMatch(r -> r.reportedCapacity() == null) ? "none" : "partly: "
                        + format(requests.stream().filter(r -> r.reportedCapacity() != null)
                                .mapToDouble(Request::reportedCapacity).sum())
                : format(requests.stream().mapToDouble(Request::reportedCapacity).sum());
        return String.format(Locale.ROOT, "| %s | %d: %s | %d | %s | %s |", operation, requests.size(), described,
                itemsRead, describeUnits(requests, rules), reported);
    }

    private static String describeUnits(List<Request> requests, double total) {
        double writes = requests.stream().filter(r -> WRITES.contains(r.operation()))
                .mapToDouble(Request::rulesCapacity).sum();
        double reads = total - writes;
        List<String> parts = new ArrayList<>();
        if (writes > 0) {
            parts.add(format(writes) + " WCU");
        }
        if (reads > 0) {
            parts.add(format(reads) + " RCU");
        }
        return String.join(" + ", parts);
    }

    private static String format(double units) {
        return units == Math.rint(units) ? String.valueOf((long) units) : String.valueOf(units);
    }
}
