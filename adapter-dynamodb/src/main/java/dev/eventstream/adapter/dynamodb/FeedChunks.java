package dev.eventstream.adapter.dynamodb;

import java.util.List;

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
}
