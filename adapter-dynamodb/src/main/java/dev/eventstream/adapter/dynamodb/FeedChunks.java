package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.StreamKey;
import java.util.List;
import java.util.Map;

/**
 * The feed's stored chunks as the indexer writes them: each chunk holds the entries at consecutive positions and
 * the shard checkpoints reached with its last entry, in one item, so that what the feed gains and how far the
 * stream was read are stored together, atomically. A chunk is written only at the position right after the last
 * chunk, and only once, so of two indexers that both believe they hold the lease, one writes and the other learns
 * it lost.
 */
interface FeedChunks {

    /** The most entries one chunk holds. */
    int MAX_ENTRIES = 100;

    /**
     * Reads the feed's end: one strongly consistent query of the last chunks.
     *
     * @param recentEntries how many of the last entries to return, at least 0
     */
    FeedTail tail(int recentEntries);

    /**
     * Writes the chunk of {@code entries} at positions {@code firstPosition} on, with the checkpoints reached after
     * its last entry.
     *
     * @param firstPosition the tail's next position
     * @param entries 1 to {@link #MAX_ENTRIES} entries, in feed order
     * @param newestRecordMillis the approximate creation time of the newest stream record these checkpoints cover
     * @return false when a chunk at {@code firstPosition} exists already (another indexer wrote it): nothing was
     *     written, and the caller must read the tail again before going on
     */
    boolean write(long firstPosition, List<FeedPointer> entries, ShardCheckpoints checkpoints,
            long newestRecordMillis);

    /**
     * Reads every chunk, oldest first, strongly consistent, for how far each stream is indexed: what a rebuild of
     * the feed needs (see {@link FeedRebuild}). Memory grows with the number of streams the feed holds.
     *
     * @param eachPage called after each page read; may throw to stop the read
     */
    IndexedStreams indexedStreams(Runnable eachPage);

    /**
     * Replaces the checkpoints of the last chunk, in place, when a rebuild found nothing to add: readers of the
     * feed never read a chunk's checkpoints, only the indexer reads those of the last one.
     *
     * @param firstPosition the last chunk's first position
     * @param entryCount how many entries it holds
     * @return false when no chunk with that first position and count is stored (another indexer wrote there)
     */
    boolean replaceCheckpoints(long firstPosition, int entryCount, ShardCheckpoints checkpoints,
            long newestRecordMillis);

    /**
     * What the feed holds, as a rebuild needs it.
     *
     * @param highestSequences each stream's highest sequence in the feed
     * @param nextPosition the position after the last entry, 1 for an empty feed
     * @param lastChunkPosition the first position of the last chunk, 0 for an empty feed
     * @param lastChunkCount how many entries the last chunk holds, 0 for an empty feed
     * @param checkpoints the last chunk's checkpoints
     * @param newestRecordMillis the last chunk's approximate creation time of the newest record covered
     */
    record IndexedStreams(Map<StreamKey, Long> highestSequences, long nextPosition, long lastChunkPosition,
            int lastChunkCount, ShardCheckpoints checkpoints, long newestRecordMillis) {
        public IndexedStreams {
            highestSequences = Map.copyOf(highestSequences);
            java.util.Objects.requireNonNull(checkpoints, "checkpoints is null");
        }
    }
}
