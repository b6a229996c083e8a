package dev.eventstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.testkit.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The feed's benchmark bodies at tiny sizes: the library and the raw SDK read the same events in the same order, with
 * the requests the benchmark reports (dynalite); every event appended in the latency run reaches the subscriber
 * (moto). A smoke pass, no timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedBenchmarksIT {
    private final DynaliteEngine engine = new DynaliteEngine();
    private final Blackhole blackhole = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @BeforeAll
    void startEngine() {
        engine.start();
    }

    @AfterAll
    void stopEngine() {
        engine.stop();
    }

    @Test
    void theLibraryAndTheRawSdkReadTheSameFeedInFeedOrder() {
        // given 250 events over 7 streams: chunks of 100, 100 and 50
        DynamoDbFeedBenchmarks.StoredFeed feed = new DynamoDbFeedBenchmarks.StoredFeed();
        feed.events = 250;
        feed.streams = 7;
        feed.fill(engine);
        Paired paired = new Paired();
        paired.reset();

        try {
            // when
            new DynamoDbFeedBenchmarks().readFeed(feed, paired, blackhole);
            Map<String, Long> rawBefore = feed.rawRequests.snapshot();
            Map<String, Long> library = engine.requestsOf(() -> DynamoDbFeedBenchmarks.libraryReadFeed(feed));
            List<RawFeedReader.RawEvent> raw = RawFeedReader.readAll(feed.rawClient, feed.feedTable,
                    EventItems.TABLE);
            Map<String, Long> rawSent = difference(feed.rawRequests.snapshot(), rawBefore);

            // then
            List<FeedEntry> entries = feed.library.readFeed(1, FeedFilter.all()).toList();
            assertThat(entries).extracting(FeedEntry::position)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 250).boxed().toList());
            assertThat(entries).extracting(entry -> entry.event().eventId())
                    .containsExactlyElementsOf(feed.appended.stream().map(RecordedEvent::eventId).toList())
                    .containsExactlyElementsOf(raw.stream().map(RawFeedReader.RawEvent::eventId).toList());
            assertThat(entries).extracting(entry -> entry.event().payloadJson())
                    .containsExactlyElementsOf(raw.stream().map(RawFeedReader.RawEvent::payload).toList());
            assertThat(raw).extracting(RawFeedReader.RawEvent::stream)
                    .containsExactlyElementsOf(feed.appended.stream().map(e -> e.stream().asString()).toList());
            assertThat(DynamoDbFeedBenchmarks.libraryReadFeed(feed)).isEqualTo(new DynamoDbFeedBenchmarks.LibraryRead(
                    250, 250, raw.stream().mapToLong(e -> e.payload().length()).sum()));
            // The library's lazy read ends with a Query that finds nothing past the end.
            assertThat(library).isEqualTo(Map.of("Query", 2L, "BatchGetItem", 3L));
            assertThat(rawSent).isEqualTo(Map.of("Query", 1L, "BatchGetItem", 3L));
            assertThat(List.of(paired.libraryOperations, paired.rawOperations)).containsOnly(1L);
            assertThat(paired.libraryRequests).isEqualTo(5);
            assertThat(paired.rawRequests).isEqualTo(4);
        } finally {
            feed.close();
        }
    }

    @Test
    void everyEventAppendedReachesTheSubscriberOfTheInProcessIndexer() {
        // when
        FeedLatency.Result result = FeedLatency.measure(MotoServer.shared().endpoint(), 6, 20);

        // then
        assertThat(result.events()).isEqualTo(6);
        assertThat(List.of(result.appendToSubscriber(), result.appendToChunk(), result.chunkToSubscriber()))
                .allSatisfy(latencies -> assertThat(latencies).hasSize(6).isSorted());
        // The appends, the chunks written by the indexer, the subscription's reads, the probe of the stream.
        assertThat(result.requests()).containsKeys("PutItem", "PutItem (feed table)", "Query (feed table)",
                "BatchGetItem", "GetRecords, empty (DynamoDB Streams, timed after)");
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> sent = new TreeMap<>(after);
        before.forEach((operation, count) -> sent.merge(operation, -count, Long::sum));
        sent.values().removeIf(count -> count == 0);
        return sent;
    }
}
