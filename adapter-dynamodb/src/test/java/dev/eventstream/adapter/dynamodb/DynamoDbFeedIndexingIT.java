package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.api.StreamKey;
import dev.eventstream.testkit.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The public indexing of batches handed by a caller (AWS Lambda) on moto's feed table: a shard given by id has its
 * checkpoint stored with the chunks, and records at or before it are skipped even by an instance that remembers
 * none of their streams. The end-to-end tests through the events table's stream are in eventstore-lambda.
 */
class DynamoDbFeedIndexingIT {
    private static final TestEngine ENGINE = new TestEngine(MotoServer.oneRequestAtATime().endpoint());
    private static final String SHARD = "shardId-00000001";
    private static final StreamKey A = StreamKey.of("orders", "a");
    private static final StreamKey B = StreamKey.of("orders", "b");

    private DynamoDbConfig config;
    private DynamoDbEventPersistence persistence;
    private DynamoDbClient client;
    private final List<DynamoDbFeedIndexing> instances = new ArrayList<>();

    @BeforeEach
    void createTables() {
        config = ENGINE.newTable().withFeedMode(FeedMode.EXTERNAL);
        persistence = new DynamoDbEventPersistence(config);
        client = ENGINE.client();
    }

    @AfterEach
    void dropTables() {
        instances.forEach(DynamoDbFeedIndexing::close);
        client.close();
        persistence.close();
        ENGINE.deleteTable(config.tableName());
        ENGINE.deleteTable(config.feedTableName());
    }

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    /** An instance remembering {@code recentEntries} of the feed's last entries, as after a cold start. */
    private DynamoDbFeedIndexing instance(int recentEntries) {
        DynamoDbFeedIndexing indexing = new DynamoDbFeedIndexing(client, config, false, recentEntries);
        instances.add(indexing);
        return indexing;
    }

    private static String sequenceNumber(int index) {
        return "4421584500000000017450" + String.format("%06d", index);
    }

    /** Events 1..3 of streams a and b, alternating. */
    private static List<Record> records() {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(StreamRecords.insert(sequenceNumber(i), i % 2 == 0 ? A : B, i / 2 + 1, "T"));
        }
        return records;
    }

    private FeedTail tail() {
        return new DynamoDbFeedChunks(client, config.feedTableName(), java.time.Clock.systemUTC()).tail(100);
    }

    @Test
    void aShardsCheckpointIsStoredWithItsChunksAndItsRecordsAtOrBeforeItAreSkippedByANewInstance() {
        // given
        DynamoDbFeedIndexing.Result first = instance(10_000).index(SHARD, records());

        // when: a new instance that remembers only the last entry (of stream b) is handed the batch again
        DynamoDbFeedIndexing.Result again = instance(1).index(SHARD, records());

        // then
        assertThat(first).isEqualTo(new DynamoDbFeedIndexing.Result(6, null, null));
        assertThat(again).isEqualTo(new DynamoDbFeedIndexing.Result(0, null, null));
        FeedTail tail = tail();
        assertThat(tail.nextPosition()).isEqualTo(7);
        assertThat(tail.checkpoints()).isEqualTo(ShardCheckpoints.NONE.with(SHARD, sequenceNumber(5)));
        assertThat(tail.recentEntries()).extracting(entry -> entry.stream().streamId() + entry.sequence())
                .containsExactly("a1", "b1", "a2", "b2", "a3", "b3");
    }

    @Test
    void withoutAShardIdTheStoredCheckpointsStayAndRepeatedRecordsAreSkippedByTheirStreamsOrder() {
        // given: checkpoints of a shard indexed by id
        instance(10_000).index(SHARD, records().subList(0, 2));
        DynamoDbFeedIndexing indexing = instance(10_000);

        // when
        DynamoDbFeedIndexing.Result result = indexing.index(records());
        DynamoDbFeedIndexing.Result again = indexing.index(records().subList(3, 6));

        // then
        assertThat(result.entriesWritten()).isEqualTo(4);
        assertThat(again.entriesWritten()).isZero();
        FeedTail tail = tail();
        assertThat(tail.nextPosition()).isEqualTo(7);
        assertThat(tail.checkpoints()).isEqualTo(ShardCheckpoints.NONE.with(SHARD, sequenceNumber(1)));
    }

    @Test
    void anEmptyBatchWritesNothing() {
        assertThat(instance(10).index(List.of())).isEqualTo(new DynamoDbFeedIndexing.Result(0, null, null));
        assertThat(tail().nextPosition()).isEqualTo(1);
    }

    @Test
    void aFeedModeOtherThanExternalIsRejectedNamingIt() {
        for (FeedMode mode : List.of(FeedMode.IN_PROCESS, FeedMode.OFF)) {
            assertThatThrownBy(() -> new DynamoDbFeedIndexing(client, config.withFeedMode(mode)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("feedMode must be EXTERNAL for indexing outside the store's processes (and the"
                            + " store's processes must run with EXTERNAL too, so that none indexes on its own), was "
                            + mode);
        }
    }

    @Test
    void aMissingFeedTableIsNamedWhenBuilt() {
        assertThatThrownBy(() -> new DynamoDbFeedIndexing(client, config.withFeedTableName("missing-feed")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'missing-feed'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void aRecordWithoutASequenceNumberIsRejectedBeforeAnyWrite() {
        // given
        List<Record> records = new ArrayList<>(records());
        records.set(2, records.get(2).toBuilder().dynamodb(d -> d.sequenceNumber(null)).build());
        DynamoDbFeedIndexing indexing = instance(10);

        // when / then
        assertThatThrownBy(() -> indexing.index(SHARD, records))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("records[2]")
                .hasMessageContaining("has no sequence number of decimal digits, was 'null'");
        assertThatThrownBy(() -> indexing.index(" ", records()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardId is blank");
        assertThat(tail().nextPosition()).isEqualTo(1);
    }
}
