package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.StreamKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The feed's indexing for a caller that is handed the events table's stream records batch by batch instead of
 * reading the stream itself: an AWS Lambda function whose event source is the stream (the store's processes then
 * run with {@link DynamoDbConfig.FeedMode#EXTERNAL}). Each {@link #index} call adds one batch of one shard's records,
 * in the shard's order, to the feed, with the same rules as the in-process indexer: only inserts of events, each
 * stream's events in sequence order (the events a record skips ahead of are read from the events table and indexed
 * first), each event once, chunks of at most 100 entries written with one conditional PutItem each.
 *
 * <p>No lease: batches of several shards may be indexed at once by several instances (Lambda runs one invocation
 * per shard at a time, but shards in parallel). Each instance remembers the feed's end as of the last chunk it wrote
 * or read; when its next chunk's position is taken, another instance wrote first, and it reads the chunks written
 * since and indexes the batch again from there, so nothing is indexed twice or skipped. A batch delivered again
 * (a retry, a duplicate) is skipped by the streams' order, and, for a shard given by id, by its checkpoint. The
 * instance reads the feed's last {@value #RECENT_ENTRIES} entries on its first batch (a cold start) and keeps what
 * it learns between batches. The same limit as for the in-process indexer applies: a record delivered again after
 * more than {@value #RECENT_ENTRIES} other entries were indexed, of a stream none of them is of, is indexed again.
 *
 * <p>Sends only what the in-process indexer sends (docs/iam/dynamodb.json): Query, PutItem and GetItem on the feed
 * table, Query on the events table, and DescribeTable of both when built. Thread-safe; calls are serialized.
 */
public final class DynamoDbFeedIndexing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbFeedIndexing.class);

    /** How many of the feed's last entries an instance reads on its first batch to learn the streams' progress. */
    public static final int RECENT_ENTRIES = 10_000;
    /** How often one batch may find its chunk position taken by others before the call reports a failure. */
    static final int MAX_LOST_RACES = 50;

    private final DynamoDbClient client;
    private final boolean ownsClient;
    private final DynamoDbFeedChunks chunks;
    private final TableEvents table;
    private final int recentEntries;
    private @Nullable KnownFeedEnd known;

    /**
     * Indexing with a client of its own, built from {@code config} and closed by {@link #close()}.
     *
     * @param config the store's settings, with {@link DynamoDbConfig.FeedMode#EXTERNAL}; tables are never created
     *     here, whatever {@code createTable} says
     * @throws IllegalArgumentException when the config's feed mode is not {@code EXTERNAL}
     * @throws IllegalStateException when a table or the events table's stream is missing or does not fit
     * @throws dev.eventstream.api.EventStoreException when DynamoDB fails
     */
    public DynamoDbFeedIndexing(DynamoDbConfig config) {
        this(DynamoDbClients.create(checked(config)), config, true, RECENT_ENTRIES);
    }

    /**
     * Indexing on a client the caller owns: {@link #close()} leaves it open. Only the table settings of
     * {@code config} apply. See {@link #DynamoDbFeedIndexing(DynamoDbConfig)}.
     */
    public DynamoDbFeedIndexing(DynamoDbClient client, DynamoDbConfig config) {
        this(client, checked(config), false, RECENT_ENTRIES);
    }

    DynamoDbFeedIndexing(DynamoDbClient client, DynamoDbConfig config, boolean ownsClient, int recentEntries) {
        this.client = requireNonNull(client, "client is null");
        this.ownsClient = ownsClient;
        this.recentEntries = recentEntries;
        try {
            FeedTable.prepare(client, checked(config).withCreateTable(false));
        } catch (RuntimeException e) {
            if (ownsClient) {
                client.close();
            }
            throw e;
        }
        this.chunks = new DynamoDbFeedChunks(client, config.feedTableName(), Clock.systemUTC());
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions().build();
        this.table = new EventQueries(client, enhanced.table(config.tableName(), EventItem.SCHEMA))::from;
    }

    private static DynamoDbConfig checked(DynamoDbConfig config) {
        requireNonNull(config, "config is null");
        if (config.feedMode() != DynamoDbConfig.FeedMode.EXTERNAL) {
            throw new IllegalArgumentException("feedMode must be EXTERNAL for indexing outside the store's processes"
                    + " (and the store's processes must run with EXTERNAL too, so that none indexes on its own), was "
                    + config.feedMode());
        }
        return config;
    }

    /**
     * What became of a batch.
     *
     * @param entriesWritten how many entries this call added to the feed
     * @param firstNotIndexed when the call failed, the sequence number of the batch's first record that may not be
     *     indexed (the records before it are): the caller hands the batch again from there; null when complete
     * @param failure why the call failed; null when complete
     */
    public record Result(int entriesWritten, @Nullable String firstNotIndexed, @Nullable RuntimeException failure) {
        /** Whether every record of the batch is indexed. */
        public boolean complete() {
            return failure == null;
        }
    }

    /**
     * Indexes one batch of the records of the shard {@code shardId}, in the shard's order. Records at or before the
     * checkpoint stored for the shard are skipped.
     *
     * @param records records of the events table's stream (view type NEW_IMAGE or NEW_AND_OLD_IMAGES), each with
     *     its sequence number
     * @throws IllegalArgumentException when a record has no stream record or no sequence number, before any I/O
     */
    public Result index(String shardId, List<Record> records) {
        requireNonNull(shardId, "shardId is null");
        if (shardId.isBlank()) {
            throw new IllegalArgumentException("shardId is blank");
        }
        return indexBatch(shardId, records);
    }

    /**
     * Indexes one batch of the records of one shard whose id the caller does not know (an AWS Lambda event names no
     * shard), in the shard's order. No checkpoint is read or stored: records delivered again are skipped by their
     * streams' order. See {@link #index(String, List)}.
     */
    public Result index(List<Record> records) {
        return indexBatch(null, records);
    }

    private synchronized Result indexBatch(@Nullable String shardId, List<Record> records) {
        List<Record> batch = validated(records);
        if (batch.isEmpty()) {
            return new Result(0, null, null);
        }
        int[] written = {0};
        try {
            for (int attempt = 1; attempt <= MAX_LOST_RACES; attempt++) {
                KnownFeedEnd end = known();
                IndexingStep step = new IndexingStep(end.asTail(), new FeedOrdering(recentEntries, table),
                        recording(end, written), () -> {});
                if (step.index(shardId, batch)) {
                    end.reached(step.checkpoints());
                    return new Result(written[0], null, null);
                }
                LOG.debug("Feed chunk position {} was taken by another indexer; reading the chunks since",
                        step.nextPosition());
                end.catchUp(chunks);
            }
            return failed(batch, written[0], new IllegalStateException("other indexers took the feed's next position "
                    + MAX_LOST_RACES + " times while this batch was indexed"));
        } catch (RuntimeException e) {
            return failed(batch, written[0], e);
        }
    }

    private KnownFeedEnd known() {
        KnownFeedEnd end = known;
        if (end == null) {
            end = KnownFeedEnd.read(chunks, recentEntries);
            known = end;
        }
        return end;
    }

    /** The chunks, with every one stored noted in {@code end}. */
    private FeedChunks recording(KnownFeedEnd end, int[] written) {
        return new FeedChunks() {
            @Override
            public FeedTail tail(int entries) {
                return chunks.tail(entries);
            }

            @Override
            public boolean write(long firstPosition, List<FeedPointer> entries, ShardCheckpoints checkpoints,
                    long newestRecordMillis) {
                boolean stored = chunks.write(firstPosition, entries, checkpoints, newestRecordMillis);
                if (stored) {
                    end.written(firstPosition, entries, checkpoints, newestRecordMillis);
                    written[0] += entries.size();
                }
                return stored;
            }

            @Override
            public IndexedStreams indexedStreams(Runnable eachPage) {
                return chunks.indexedStreams(eachPage);
            }

            @Override
            public boolean replaceCheckpoints(long firstPosition, int entryCount, ShardCheckpoints checkpoints,
                    long newestRecordMillis) {
                return chunks.replaceCheckpoints(firstPosition, entryCount, checkpoints, newestRecordMillis);
            }
        };
    }

    /**
     * The first record of the batch whose event the known feed end does not hold. A chunk that was stored though
     * its write seemed to fail is not known, so its records are handed again, and skipped then.
     */
    private Result failed(List<Record> batch, int written, RuntimeException failure) {
        LOG.warn("Indexing a batch of {} stream records failed after {} entries: {}", batch.size(), written,
                failure.toString());
        LOG.debug("Feed indexing failure", failure);
        KnownFeedEnd end = known;
        String first = batch.get(0).dynamodb().sequenceNumber();
        if (end != null) {
            Map<StreamKey, Long> indexed = end.indexedUpTo();
            first = null;
            for (Record record : batch) {
                Optional<FeedPointer> pointer = StreamRecordEvents.pointerOf(record);
                if (pointer.isPresent()
                        && indexed.getOrDefault(pointer.get().stream(), 0L) < pointer.get().sequence()) {
                    first = record.dynamodb().sequenceNumber();
                    break;
                }
            }
            if (first == null) {
                // Every event is indexed; whatever failed came after (a checkpoint move): hand the last one again.
                first = batch.get(batch.size() - 1).dynamodb().sequenceNumber();
            }
        }
        return new Result(written, first, failure);
    }

    private static List<Record> validated(List<Record> records) {
        requireNonNull(records, "records is null");
        for (int i = 0; i < records.size(); i++) {
            Record record = records.get(i);
            if (record == null) {
                throw new IllegalArgumentException("records[" + i + "] is null");
            }
            if (record.dynamodb() == null) {
                throw new IllegalArgumentException("records[" + i + "] (event id " + record.eventID() + ") has no"
                        + " stream record (dynamodb)");
            }
            String sequenceNumber = record.dynamodb().sequenceNumber();
            if (sequenceNumber == null || sequenceNumber.isEmpty() || !sequenceNumber.chars().allMatch(
                    Character::isDigit)) {
                throw new IllegalArgumentException("records[" + i + "] (event id " + record.eventID() + ") has no"
                        + " sequence number of decimal digits, was '" + sequenceNumber + "'");
            }
        }
        return List.copyOf(records);
    }

    /** Closes the client when this built it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
