package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.adapter.dynamodb.ShardReader.Batch;
import dev.eventstream.api.StreamKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Rebuilds the feed from the events table when the stream no longer holds the records after the feed's checkpoints
 * (an indexer down longer than the stream's 24 hours): run by the holder of the indexer lease, so nothing else writes
 * the feed meanwhile.
 *
 * <ol>
 *   <li>Reads every shard of the stream from its oldest record to its end (an empty page of an open shard, the last
 *       page of a closed one), noting each one's last sequence number: the new checkpoints C. This comes before the
 *       table's scan: every event whose record is at or before C was committed before the scan starts, so the scan
 *       sees it; every later event has a record after C, which the indexer reads next.</li>
 *   <li>Reads every chunk of the feed for each stream's highest indexed sequence, then scans the events table for
 *       the events above it ({@link MissingEvents}).</li>
 *   <li>Appends those, each stream's in sequence order, the streams merged by commit time, as chunks at the
 *       feed's end, each carrying the old checkpoints but the last, which carries C. A rebuild stopped half-way
 *       leaves the old checkpoints at the tail, so the next holder rebuilds again, finding fewer missing. With
 *       nothing missing, C replaces the last chunk's checkpoints in place.</li>
 * </ol>
 *
 * <p>Cost: the stream's records of the last 24 hours read once, a Scan of the events table (one read unit per 4 KB
 * of items, payloads included, though not returned) and a Query of the whole feed table. Memory: one map entry per
 * stream of the feed and one entry per missing event. Not thread-safe: the indexing thread alone runs it.
 */
final class FeedRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(FeedRebuild.class);

    private final ShardReader reader;
    private final FeedChunks chunks;
    private final EventScan events;
    private final TableEvents table;
    private final Runnable keepLease;
    private final Runnable onChunk;
    private final int recentEntries;
    private final String owner;

    /**
     * @param keepLease called between requests: renews the lease when due, throws when it is lost (which stops
     *     the rebuild, leaving the feed as a rebuild stopped half-way does)
     * @param onChunk called after each chunk written
     * @param recentEntries how many of the appended entries the result keeps for the indexer's warm-up
     * @param owner the indexer's name, for the log lines
     */
    FeedRebuild(ShardReader reader, FeedChunks chunks, EventScan events, TableEvents table, Runnable keepLease,
            Runnable onChunk, int recentEntries, String owner) {
        this.reader = requireNonNull(reader, "reader is null");
        this.chunks = requireNonNull(chunks, "chunks is null");
        this.events = requireNonNull(events, "events is null");
        this.table = requireNonNull(table, "table is null");
        this.keepLease = requireNonNull(keepLease, "keepLease is null");
        this.onChunk = requireNonNull(onChunk, "onChunk is null");
        this.recentEntries = recentEntries;
        this.owner = requireNonNull(owner, "owner is null");
    }

    /**
     * What the indexer goes on from after a rebuild.
     *
     * @param tail the feed's end: next position, the checkpoints C, the last entries appended
     * @param highestSequences each stream's highest sequence in the feed before the rebuild
     */
    record Result(FeedTail tail, Map<StreamKey, Long> highestSequences) {}

    /**
     * Runs the rebuild.
     *
     * @return empty when a chunk's position was taken (another indexer writes the feed)
     * @throws RuntimeException when a request failed or {@code keepLease} threw; the feed is then as a rebuild
     *     stopped half-way leaves it
     */
    Optional<Result> run() {
        LOG.info("Feed indexer {} rebuilds the feed from the events table: the stream no longer holds the records"
                + " after its checkpoints", owner);
        Ends ends = readShardEnds();
        FeedChunks.IndexedStreams feed = chunks.indexedStreams(keepLease);
        MissingEvents missing = new MissingEvents(feed.highestSequences());
        events.scan(missing::offer, keepLease);
        List<FeedPointer> ordered = missing.inFeedOrder(table);
        long newest = Math.max(ends.newestRecordMillis(), feed.newestRecordMillis());
        long next = feed.nextPosition();
        if (ordered.isEmpty()) {
            if (feed.lastChunkCount() == 0) {
                // Nothing indexed, nothing to index: the shards are read from their oldest record, as at first.
                return done(feed, ordered, new FeedTail(1, ShardCheckpoints.NONE, 0, List.of()), 0);
            }
            keepLease.run();
            if (!chunks.replaceCheckpoints(feed.lastChunkPosition(), feed.lastChunkCount(), ends.checkpoints(),
                    newest)) {
                return Optional.empty();
            }
            onChunk.run();
        }
        for (int from = 0; from < ordered.size(); from += FeedChunks.MAX_ENTRIES) {
            int to = Math.min(ordered.size(), from + FeedChunks.MAX_ENTRIES);
            boolean last = to == ordered.size();
            keepLease.run();
            if (!chunks.write(next, List.copyOf(ordered.subList(from, to)),
                    last ? ends.checkpoints() : feed.checkpoints(), last ? newest : feed.newestRecordMillis())) {
                return Optional.empty();
            }
            next += to - from;
            onChunk.run();
        }
        List<FeedPointer> recent = ordered.subList(Math.max(0, ordered.size() - recentEntries), ordered.size());
        return done(feed, ordered, new FeedTail(next, ends.checkpoints(), newest, recent), missing.count());
    }

    private Optional<Result> done(FeedChunks.IndexedStreams feed, List<FeedPointer> ordered, FeedTail tail,
            int found) {
        LOG.info("Feed indexer {} rebuilt the feed: {} streams indexed before, {} missing events found, {} appended"
                + " from position {}; going on from position {} with checkpoints {}", owner,
                feed.highestSequences().size(), found, ordered.size(), feed.nextPosition(), tail.nextPosition(),
                tail.checkpoints().lastSequenceNumbers());
        return Optional.of(new Result(tail, feed.highestSequences()));
    }

    private record Ends(ShardCheckpoints checkpoints, long newestRecordMillis) {}

    /**
     * Each shard's last sequence number, read from its oldest record on. The checkpoints hold the open shards,
     * and the closed ones without children (which the indexer keeps at their last record, see
     * {@link ShardLineage}); a closed shard with children is finished, as its children are held (or finished).
     */
    private Ends readShardEnds() {
        List<StreamShard> shards = reader.describe();
        ShardLineage lineage = new ShardLineage(shards);
        Map<String, String> ends = new TreeMap<>();
        long newest = 0;
        for (StreamShard shard : shards) {
            keepLease.run();
            String iterator = reader.iterator(shard.shardId(), Optional.empty());
            String last = "";
            while (true) {
                Batch batch = reader.records(shard.shardId(), iterator);
                for (Record record : batch.records()) {
                    last = record.dynamodb().sequenceNumber();
                    newest = Math.max(newest, IndexingStep.createdMillis(record));
                }
                @Nullable String after = batch.nextIterator();
                if (after == null || (batch.records().isEmpty() && !shard.closed())) {
                    break;
                }
                iterator = after;
                keepLease.run();
            }
            if (!shard.closed() || lineage.childrenOf(shard.shardId()).isEmpty()) {
                ends.put(shard.shardId(), last);
            }
        }
        return new Ends(new ShardCheckpoints(ends), newest);
    }
}
