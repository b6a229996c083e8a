package dev.eventstream.lambda;

import static dev.eventstream.testkit.Concurrently.runConcurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.dynamodb.DynamoDbFeedIndexing;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.aws.AwsClients;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.testkit.moto.MotoServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The function end to end on moto: a real events table with its stream, events appended by the store, the stream's
 * records read with the SDK and handed to the handler as Lambda delivers them (batches, again after a failure,
 * twice), the feed read by a store process in {@code feedMode EXTERNAL}. Every event must be in the feed once, at
 * dense positions, each stream's events in order. The moto server serves one request at a time, so conditional
 * writes raced by two handlers are decided as DynamoDB decides them.
 */
class FeedIndexerHandlerIT {
    private static final URI ENDPOINT = MotoServer.oneRequestAtATime().endpoint();

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<RecordedEvent> appended = new ArrayList<>();
    private DynamoDbConfig config;
    private DynamoDbEventPersistence persistence;
    private DefaultEventStore store;
    private DynamoDbClient admin;
    private LambdaDelivery lambda;

    @BeforeEach
    void createTables() {
        config = DynamoDbConfig.builder()
                .tableName("events-" + UUID.randomUUID())
                .createTable(true)
                .feedMode(DynamoDbConfig.FeedMode.EXTERNAL)
                .clientSettings(EmulatorClients.settings(ENDPOINT))
                .build();
        // The store's process: creates the tables (and the stream), appends, reads the feed, never indexes.
        persistence = new DynamoDbEventPersistence(config);
        store = new DefaultEventStore(persistence);
        admin = EmulatorClients.client(DynamoDbClient.builder(), ENDPOINT);
        String streamArn = admin.describeTable(r -> r.tableName(config.tableName())).table().latestStreamArn();
        lambda = new LambdaDelivery(ENDPOINT, streamArn);
    }

    @AfterEach
    void dropTables() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
        lambda.close();
        store.close();
        persistence.close();
        admin.deleteTable(r -> r.tableName(config.tableName()));
        admin.deleteTable(r -> r.tableName(config.feedTableName()));
        admin.close();
    }

    /** A handler as Lambda builds one in a new execution environment, configured by its environment variables. */
    private FeedIndexerHandler coldStart() {
        DynamoDbConfig fromEnvironment = FunctionEnvironment.config(Map.of(
                        FunctionEnvironment.TABLE_NAME, config.tableName(),
                        FunctionEnvironment.REGION, EmulatorClients.REGION.id(),
                        FunctionEnvironment.ENDPOINT_URL, ENDPOINT.toString()))
                // Lambda's credentials come from the execution role; moto takes any.
                .withCredentialsProvider(EmulatorClients.CREDENTIALS);
        FeedIndexerHandler handler = new FeedIndexerHandler(fromEnvironment);
        closing.add(handler);
        return handler;
    }

    private List<RecordedEvent> append(StreamKey stream, int count) {
        List<NewEvent> events = IntStream.range(0, count).map(i -> appended.size() + i).mapToObj(n -> described(n,
                NewEvent.of("E" + n, Map.of("n", n)))).toList();
        List<RecordedEvent> stored = persistence.append(stream, ExpectedVersion.any(), events).events();
        appended.addAll(stored);
        return stored;
    }

    /** Every third event carries metadata, every fifth a revision: what the feed must read back with them. */
    private static NewEvent described(int n, NewEvent event) {
        NewEvent withMetadata = n % 3 == 0
                ? event.withMetadata(EventMetadata.correlatedWith("c-" + n).withHeader("tenant", "t" + n)) : event;
        return n % 5 == 0 ? withMetadata.withRevision(2 + n) : withMetadata;
    }

    private void appendRoundRobin(int count, StreamKey... streams) {
        for (int i = 0; i < count; i++) {
            append(streams[i % streams.length], 1);
        }
    }

    private static List<List<Record>> batches(List<Record> records, int size) {
        List<List<Record>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += size) {
            batches.add(records.subList(from, Math.min(records.size(), from + size)));
        }
        return batches;
    }

    /** Hands the batch as Lambda does: again from the first failed record while the response names one. */
    private int deliver(FeedIndexerHandler handler, List<Record> batch) {
        List<Record> remaining = batch;
        for (int invocations = 1; invocations <= 20; invocations++) {
            StreamsEventResponse response = handler.handleRequest(lambda.event(remaining), null);
            if (response.getBatchItemFailures().isEmpty()) {
                return invocations;
            }
            String failed = response.getBatchItemFailures().get(0).getItemIdentifier();
            remaining = fromSequenceNumber(remaining, failed);
        }
        throw new AssertionError("the batch was not indexed in 20 invocations");
    }

    private static List<Record> fromSequenceNumber(List<Record> records, String sequenceNumber) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                return records.subList(i, records.size());
            }
        }
        throw new AssertionError("the response names record " + sequenceNumber + ", which is not in the batch");
    }

    private List<FeedEntry> feed() {
        return store.readFeed(1, 10_000);
    }

    /** The feed holds what was appended, each event once, at positions 1..n, each stream in sequence order. */
    private void assertFeedHoldsEveryAppendedEventOnceDenseInStreamOrder() {
        List<FeedEntry> feed = feed();
        assertThat(feed).extracting(FeedEntry::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, appended.size()).boxed().toList());
        assertThat(feed).extracting(entry -> entry.event().eventId())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(appended.stream().map(RecordedEvent::eventId).toList());
        Map<StreamKey, List<Long>> sequences = new LinkedHashMap<>();
        feed.forEach(entry -> sequences.computeIfAbsent(entry.event().stream(), s -> new ArrayList<>())
                .add(entry.event().sequence()));
        sequences.forEach((stream, seen) -> assertThat(seen).as("sequences of %s in feed order", stream)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, seen.size()).boxed().toList()));
        Map<UUID, RecordedEvent> byId = new HashMap<>();
        appended.forEach(event -> byId.put(event.eventId(), event));
        // the whole event: type, payload, metadata, revision, timestamp, as the append returned it
        feed.forEach(entry -> assertThat(entry.event()).isEqualTo(byId.get(entry.event().eventId())));
        assertThat(feed).anySatisfy(entry -> assertThat(entry.event().metadata().isEmpty()).isFalse());
        assertThat(feed).anySatisfy(entry -> assertThat(entry.event().revision()).isGreaterThan(1));
    }

    @Test
    void batchesRetriedBatchesDuplicatesAndAColdStartIndexEveryEventOnceInStreamOrder() {
        // given: events of several streams and aggregations (first events also write aggregation markers), some
        // appended together, and publication marks (updates of event items, which are no events)
        var outbox = persistence.enablePublicationTracking().orElseThrow();
        StreamKey order1 = StreamKey.of("orders", "1");
        StreamKey order2 = StreamKey.of("orders", "2");
        StreamKey user1 = StreamKey.of("users", "1");
        appendRoundRobin(9, order1, order2, user1);
        append(order2, 4);
        outbox.markPublished(persistence.read(order1, 1, 2));
        appendRoundRobin(5, user1, order1);
        List<List<Record>> batches = batches(lambda.newRecords(), 4);
        assertThat(batches.size()).isGreaterThan(5);
        FeedIndexerHandler warm = coldStart();

        // when: batches in order, one handed again whole (a retry), one handed again with the next (a duplicate)
        warm.handleRequest(lambda.event(batches.get(0)), null);
        warm.handleRequest(lambda.event(batches.get(1)), null);
        warm.handleRequest(lambda.event(batches.get(1)), null);
        List<Record> withDuplicates = new ArrayList<>(batches.get(1).subList(2, batches.get(1).size()));
        withDuplicates.addAll(batches.get(2));
        warm.handleRequest(lambda.event(withDuplicates), null);
        warm.handleRequest(lambda.event(batches.get(3)), null);
        // a new execution environment takes over and is handed the last batch again, then the rest
        FeedIndexerHandler cold = coldStart();
        List<StreamsEventResponse> responses = new ArrayList<>();
        responses.add(cold.handleRequest(lambda.event(batches.get(3)), null));
        batches.subList(4, batches.size()).forEach(batch -> responses.add(cold.handleRequest(lambda.event(batch),
                null)));

        // then
        assertThat(responses).allSatisfy(response -> assertThat(response.getBatchItemFailures()).isEmpty());
        assertFeedHoldsEveryAppendedEventOnceDenseInStreamOrder();

        // when: more events, handed to the first environment again, which learns what the other one wrote
        append(order1, 3);
        appendRoundRobin(4, StreamKey.of("payments", "1"), order2);
        List<Record> later = lambda.newRecords();
        StreamsEventResponse response = warm.handleRequest(lambda.event(later), null);
        warm.handleRequest(lambda.event(later), null);

        // then
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertFeedHoldsEveryAppendedEventOnceDenseInStreamOrder();
    }

    @Test
    void aBatchFailingMidwayNamesItsFirstRecordNotIndexedAndLambdasRetryFromThereCompletesTheFeed() {
        // given: 150 events, more than one chunk, and a handler whose second chunk write fails
        append(StreamKey.of("orders", "a"), 50);
        append(StreamKey.of("orders", "b"), 50);
        append(StreamKey.of("users", "c"), 50);
        List<Record> records = lambda.newRecords();
        AtomicInteger feedPuts = new AtomicInteger();
        ExecutionInterceptor failSecondChunk = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest put
                        && put.tableName().equals(config.feedTableName()) && feedPuts.incrementAndGet() == 2) {
                    throw new IllegalStateException("injected: the feed table is unreachable");
                }
            }
        };
        DynamoDbClient client = AwsClients.configure(DynamoDbClient.builder(), EmulatorClients.settings(ENDPOINT))
                .overrideConfiguration(o -> o.addExecutionInterceptor(failSecondChunk))
                .build();
        closing.add(client);
        FeedIndexerHandler handler = new FeedIndexerHandler(new DynamoDbFeedIndexing(client, config),
                config.tableName());

        // when
        StreamsEventResponse response = handler.handleRequest(lambda.event(records), null);

        // then: the first chunk is stored, and the response names the record of the first event not in it
        List<FeedEntry> firstChunk = feed();
        assertThat(firstChunk).hasSize(100);
        Set<UUID> indexed = firstChunk.stream().map(entry -> entry.event().eventId()).collect(Collectors.toSet());
        String expected = records.stream()
                .filter(record -> record.dynamodb().newImage().containsKey("id")
                        && record.dynamodb().newImage().get("seq").n().chars().anyMatch(c -> c != '0')
                        && !indexed.contains(UUID.fromString(record.dynamodb().newImage().get("id").s())))
                .findFirst().orElseThrow().dynamodb().sequenceNumber();
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(expected);

        // when: Lambda hands the batch again from there
        assertThat(deliver(handler, fromSequenceNumber(records, expected))).isEqualTo(1);

        // then
        assertFeedHoldsEveryAppendedEventOnceDenseInStreamOrder();
    }

    /**
     * Records as two table partitions would hold them: streams s0, s2, s4 in the first shard, s1, s3, s5 in the
     * second, each shard's records in batches of 3.
     */
    private List<List<List<Record>>> twoShards() {
        List<StreamKey> streams = IntStream.range(0, 6).mapToObj(i -> StreamKey.of("orders", "s" + i)).toList();
        appendRoundRobin(48, streams.toArray(StreamKey[]::new));
        Set<String> firstShardStreams = Set.of("s0", "s2", "s4");
        List<Record> first = new ArrayList<>();
        List<Record> second = new ArrayList<>();
        for (Record record : lambda.newRecords()) {
            // The partition key is the stream key's string form, which ends with the stream id.
            String pk = record.dynamodb().keys().get("pk").s();
            boolean ofFirst = firstShardStreams.stream().anyMatch(pk::endsWith);
            (ofFirst ? first : second).add(record);
        }
        assertThat(first.size()).isGreaterThan(20);
        assertThat(second.size()).isGreaterThan(20);
        return List.of(batches(first, 3), batches(second, 3));
    }

    @Test
    void handlersOfTwoShardsTakingTurnsEachFindTheOthersChunksAndWriteAfterThem() {
        // given
        List<List<List<Record>>> shards = twoShards();
        FeedIndexerHandler[] handlers = {coldStart(), coldStart()};

        // when: each handler's every chunk after the first is to go where the other one just wrote
        int rounds = Math.max(shards.get(0).size(), shards.get(1).size());
        List<Integer> invocations = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int shard = 0; shard < 2; shard++) {
                if (round < shards.get(shard).size()) {
                    invocations.add(deliver(handlers[shard], shards.get(shard).get(round)));
                }
            }
        }

        // then: each batch was indexed in its first invocation, and the feed holds every event once, in order
        assertThat(invocations).containsOnly(1);
        assertFeedHoldsEveryAppendedEventOnceDenseInStreamOrder();
    }

    @Test
    void twoHandlersIndexingTheBatchesOfTwoShardsAtOnceKeepTheFeedDenseWithEveryEventOnce() {
        // given
        List<List<List<Record>>> shards = twoShards();
        FeedIndexerHandler[] handlers = {coldStart(), coldStart()};
        // Both hand their next batch at the same moment, so that their chunk writes race in every round.
        Phaser rounds = new Phaser(2);

        // when
        List<Integer> invocations = runConcurrently(2, worker -> {
            int count = 0;
            for (List<Record> batch : shards.get(worker)) {
                rounds.arriveAndAwaitAdvance();
                count += deliver(handlers[worker], batch);
            }
            rounds.arriveAndDeregister();
            return count;
        });

        // then
        assertThat(invocations.get(0)).isGreaterThanOrEqualTo(shards.get(0).size());
        assertThat(invocations.get(1)).isGreaterThanOrEqualTo(shards.get(1).size());
        assertFeedHoldsEveryAppendedEventOnceDenseInStreamOrder();
    }

    @Test
    void recordsOfAnotherTablesStreamFailTheInvocationNamingTheStream() {
        // given: an event source mapping on the wrong table
        append(StreamKey.of("orders", "1"), 1);
        var event = lambda.event(lambda.newRecords());
        String otherStream = "arn:aws:dynamodb:us-east-1:123456789012:table/other/stream/2026-12-02T00:00:00.000";
        event.getRecords().get(0).setEventSourceARN(otherStream);
        FeedIndexerHandler handler = coldStart();

        // when / then
        assertThatThrownBy(() -> handler.handleRequest(event, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("comes from stream " + otherStream + ", not from the stream of events table '"
                        + config.tableName() + "'");
        assertThat(feed()).isEmpty();
    }
}
