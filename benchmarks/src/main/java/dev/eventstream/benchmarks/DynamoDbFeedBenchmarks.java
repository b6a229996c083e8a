package dev.eventstream.benchmarks;

import static dev.eventstream.benchmarks.EventItems.TABLE;

import dev.eventstream.adapter.dynamodb.BenchmarkFeeds;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.SnapshotPolicy;
import dev.eventstream.testkit.ForwardingPersistence;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reading the whole feed on DynamoDB, paired: the library's lazy {@code readFeed(1, FeedFilter.all())}, touching
 * every event's payload text, and what an application would write instead on its own client and Jackson mapper
 * ({@link RawFeedReader}: a paginated Query of the feed table's chunks, then BatchGetItems of the events). Both
 * read the same events in the same order.
 *
 * <p>dynalite has no DynamoDB Streams, so no indexer runs: the feed is filled directly with the adapter's chunk
 * writer ({@link BenchmarkFeeds}), pointing at events appended through the store.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DynamoDbFeedBenchmarks {
    /** Events in the feed read; a JMH parameter, so a run can choose another length. */
    static final String EVENTS = "10000";
    /** The streams the events are spread over, appended to in turn, so that the feed interleaves them. */
    static final String STREAMS = "100";

    /** A feed of {@link #events} events over {@link #streams} streams, shared by every thread. */
    @State(Scope.Benchmark)
    public static class StoredFeed {
        @Param(EVENTS)
        public int events;

        @Param(STREAMS)
        public int streams;

        String feedTable;
        EventStore library;
        /** The raw side's own client, with the same settings as the library's. */
        DynamoDbClient rawClient;
        final RequestCounter rawRequests = new RequestCounter();
        /** The events in feed order, as the appends returned them. */
        List<RecordedEvent> appended;

        @Setup(Level.Trial)
        public void fill(DynaliteEngine engine) {
            // A feed table of its own: the engine (and its events table) may serve earlier forks.
            feedTable = TABLE + "-feed-" + UUID.randomUUID().toString().substring(0, 8);
            DynamoDbConfig config = DynamoDbConfig.builder()
                    .tableName(TABLE)
                    .feedMode(DynamoDbConfig.FeedMode.EXTERNAL)
                    .feedTableName(feedTable)
                    .build();
            FeedStorage feed = BenchmarkFeeds.createStorage(engine.client, config);
            DefaultEventStore store = DefaultEventStore.builder(new ForwardingPersistence(engine.persistence) {
                @Override
                public Optional<FeedStorage> feed() {
                    return Optional.of(feed);
                }
            }).snapshotPolicy(SnapshotPolicy.NEVER).build();
            appended = appendRoundRobin(engine, store);
            BenchmarkFeeds.append(feed, appended);
            library = store;
            rawClient = DynaliteEngine.client(engine.endpoint(), rawRequests);
        }

        /**
         * Events 1 to {@link #events} over the streams in turn. Each stream's first event is seeded (the library
         * writes it with its listing entry in a transaction, which dynalite lacks) and read back; the rest are
         * {@code addEvent}s of the store.
         */
        private List<RecordedEvent> appendRoundRobin(DynaliteEngine engine, EventStore store) {
            List<EventStream> targets = new ArrayList<>(streams);
            List<RecordedEvent> events = new ArrayList<>(this.events);
            for (int i = 0; i < streams && events.size() < this.events; i++) {
                StreamKey stream = Workload.newStream("feed");
                engine.seed(stream, 1);
                EventStream target = store.getEventStream(stream);
                events.add(target.getEvents().get(0));
                targets.add(target);
            }
            for (long sequence = 2; events.size() < this.events; sequence++) {
                for (int i = 0; i < targets.size() && events.size() < this.events; i++) {
                    events.add(targets.get(i).addEvent(Workload.type(sequence), Workload.payload(sequence)));
                }
            }
            return events;
        }

        @TearDown(Level.Trial)
        public void close() {
            if (rawClient != null) {
                rawClient.close();
            }
        }
    }

    @Benchmark
    public void readFeed(StoredFeed feed, Paired paired, Blackhole blackhole) {
        paired.run(blackhole, () -> libraryReadFeed(feed), () -> RawFeedReader.readAll(feed.rawClient, feed.feedTable,
                TABLE));
    }

    /** What the library's lazy read hands out: entries, their positions, and every payload's text looked at. */
    record LibraryRead(long entries, long lastPosition, long payloadChars) {}

    static LibraryRead libraryReadFeed(StoredFeed feed) {
        long entries = 0;
        long last = 0;
        long chars = 0;
        try (Stream<FeedEntry> read = feed.library.readFeed(1, FeedFilter.all())) {
            for (Iterator<FeedEntry> it = read.iterator(); it.hasNext(); ) {
                FeedEntry entry = it.next();
                entries++;
                last = entry.position();
                chars += entry.event().payloadJson().length();
            }
        }
        return new LibraryRead(entries, last, chars);
    }
}
