package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The end of the feed as an indexer taking over needs it.
 *
 * @param nextPosition the position the next chunk starts at (1 for an empty feed)
 * @param checkpoints the shard checkpoints stored with the last chunk ({@link ShardCheckpoints#NONE} when empty)
 * @param newestRecordMillis the approximate creation time of the newest stream record indexed, epoch ms; 0 if none
 * @param recentEntries the last entries of the feed, oldest first (as many as asked for, fewer when the feed is
 *     shorter), from which the indexer learns how far recent streams are indexed
 */
record FeedTail(long nextPosition, ShardCheckpoints checkpoints, long newestRecordMillis,
        List<FeedPointer> recentEntries) {
    FeedTail {
        requireNonNull(checkpoints, "checkpoints is null");
        recentEntries = List.copyOf(requireNonNull(recentEntries, "recentEntries is null"));
    }
}
