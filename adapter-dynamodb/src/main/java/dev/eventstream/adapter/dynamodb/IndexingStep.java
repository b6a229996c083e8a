package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What an indexer holding the lease knows of the feed's end, and how it adds a shard's records to it: as chunks of
 * at most {@link FeedChunks#MAX_ENTRIES} entries, each written with the shard checkpoints reached with its last
 * entry, so entries and checkpoints are stored in one atomic write. State begins at the tail read on takeover and
 * only ever moves with a successful write; after a failed or refused write the indexer drops it and reads the
 * tail again, since it no longer knows what is stored.
 *
 * <p>Checkpoint moves without entries (a batch of records that add nothing, a finished shard replaced by its
 * children) cannot be written alone, as no chunk holds 0 entries: they stay here and go out with the next chunk.
 * Should the indexer stop first, its successor reads those records again and skips them again. Not thread-safe:
 * the indexing thread alone uses it.
 */
final class IndexingStep {
    private final FeedChunks chunks;
    private final FeedOrdering ordering;
    private final Runnable onChunk;
    private long nextPosition;
    private ShardCheckpoints checkpoints;
    private long newestRecordMillis;

    /** @param onChunk called after each chunk written */
    IndexingStep(FeedTail tail, FeedOrdering ordering, FeedChunks chunks, Runnable onChunk) {
        requireNonNull(tail, "tail is null");
        this.ordering = requireNonNull(ordering, "ordering is null");
        this.chunks = requireNonNull(chunks, "chunks is null");
        this.onChunk = requireNonNull(onChunk, "onChunk is null");
        this.nextPosition = tail.nextPosition();
        this.checkpoints = tail.checkpoints();
        this.newestRecordMillis = tail.newestRecordMillis();
        ordering.warmUp(tail.recentEntries());
    }

    long nextPosition() {
        return nextPosition;
    }

    /** The checkpoints reached, including moves not written yet. */
    ShardCheckpoints checkpoints() {
        return checkpoints;
    }

    /**
     * Adds the entries of {@code records}, read from {@code shardId} in the shard's order, to the feed. Records at
     * or before the shard's checkpoint were indexed already (DynamoDB Streams may deliver them again) and are
     * skipped.
     *
     * <p>With {@code shardId} null (a caller that gets a shard's records without its id, such as an AWS Lambda
     * function on the stream) no checkpoint is read or moved: the chunks carry the checkpoints as they are, a
     * record not after the one before it in {@code records} is skipped, and records delivered again in a later
     * call are told apart by their streams' order alone ({@link FeedOrdering}).
     *
     * @return false when a chunk's position was taken: another indexer writes the feed, this state is stale
     * @throws RuntimeException when reading the events table or writing a chunk failed; this state is then stale
     */
    boolean index(@Nullable String shardId, List<Record> records) {
        String covered = shardId == null ? "" : checkpoints.of(shardId).orElse("");
        long newest = newestRecordMillis;
        List<FeedPointer> pending = new ArrayList<>();
        for (Record record : records) {
            String sequenceNumber = record.dynamodb().sequenceNumber();
            if (!isAfter(sequenceNumber, covered)) {
                continue;
            }
            List<FeedPointer> entries = StreamRecordEvents.pointerOf(record).map(ordering::accept).orElse(List.of());
            for (FeedPointer entry : entries) {
                if (pending.size() == FeedChunks.MAX_ENTRIES) {
                    // The record whose entries this chunk ends among is not covered yet: its checkpoint waits.
                    if (!write(pending, reachedWith(shardId, covered), newest)) {
                        return false;
                    }
                    pending.clear();
                }
                pending.add(entry);
            }
            covered = sequenceNumber;
            newest = Math.max(newest, createdMillis(record));
        }
        ShardCheckpoints reached = reachedWith(shardId, covered);
        if (!pending.isEmpty()) {
            return write(pending, reached, newest);
        }
        checkpoints = reached;
        newestRecordMillis = newest;
        return true;
    }

    private ShardCheckpoints reachedWith(@Nullable String shardId, String covered) {
        return shardId == null || covered.equals(checkpoints.of(shardId).orElse(null))
                ? checkpoints : checkpoints.with(shardId, covered);
    }

    /**
     * Notes that {@code shardId} was read to its end: it leaves the checkpoints and its children enter them, not
     * started. Without children it stays at its last record (see {@link ShardLineage}).
     */
    void finish(String shardId, List<String> children) {
        if (children.isEmpty()) {
            return;
        }
        ShardCheckpoints changed = checkpoints.without(shardId);
        for (String child : children) {
            if (changed.of(child).isEmpty()) {
                changed = changed.with(child, "");
            }
        }
        checkpoints = changed;
    }

    private boolean write(List<FeedPointer> entries, ShardCheckpoints reached, long newest) {
        if (!chunks.write(nextPosition, List.copyOf(entries), reached, newest)) {
            return false;
        }
        nextPosition += entries.size();
        checkpoints = reached;
        newestRecordMillis = newest;
        onChunk.run();
        return true;
    }

    /** Sequence numbers are decimal numbers of up to 40 digits, growing along a shard; "" is before them all. */
    static boolean isAfter(String sequenceNumber, String checkpoint) {
        return checkpoint.isEmpty() || new BigInteger(sequenceNumber).compareTo(new BigInteger(checkpoint)) > 0;
    }

    /** The record's approximate creation time, epoch ms; 0 when DynamoDB did not give one. */
    static long createdMillis(Record record) {
        Instant created = record.dynamodb().approximateCreationDateTime();
        return created == null ? 0 : created.toEpochMilli();
    }

    static Optional<Long> newest(List<Record> records) {
        return records.stream().map(IndexingStep::createdMillis).max(Long::compare);
    }
}
