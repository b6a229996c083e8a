package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One chunk of the feed as the feed table holds it: partition {@value #PARTITION}, sort key the position of its first
 * entry, its entries at that position and the next ones, and the shard checkpoints reached with its last entry.
 * Immutable once written.
 *
 * @param firstPosition the position of the first entry, at least 1
 * @param entries 1 to {@link FeedChunks#MAX_ENTRIES} entries, in feed order
 * @param checkpoints how far the indexer had read each shard after the last entry
 * @param newestRecordMillis the approximate creation time of the newest stream record covered, epoch ms
 */
record FeedChunk(long firstPosition, List<FeedPointer> entries, ShardCheckpoints checkpoints,
        long newestRecordMillis) {
    /** The partition of every chunk: the feed is read in position order, which one partition's sort key gives. */
    static final String PARTITION = "feed";
    /** How many entries the chunk holds. */
    static final String COUNT = "n";
    /** The entries, {@link FeedCodec#encodeEntries}. */
    static final String ENTRIES = "e";
    /** The shard checkpoints after the chunk, {@link FeedCodec#encodeCheckpoints}. */
    static final String CHECKPOINTS = "cp";
    /** The approximate creation time of the newest stream record covered, epoch ms. */
    static final String RECORD_TIME = "rt";
    /** When the chunk was written, epoch ms. */
    static final String WRITTEN = "ts";

    FeedChunk {
        if (firstPosition < 1) {
            throw new IllegalArgumentException("firstPosition must be at least 1, was " + firstPosition);
        }
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
        if (entries.isEmpty() || entries.size() > FeedChunks.MAX_ENTRIES) {
            throw new IllegalArgumentException("a chunk holds 1 to " + FeedChunks.MAX_ENTRIES + " entries, was "
                    + entries.size());
        }
        requireNonNull(checkpoints, "checkpoints is null");
    }

    /** The position after the last entry: where the next chunk starts. */
    long nextPosition() {
        return firstPosition + entries.size();
    }

    /** The position of the last entry. */
    long lastPosition() {
        return nextPosition() - 1;
    }

    /**
     * The item of this chunk.
     *
     * @throws IllegalArgumentException when it would be larger than DynamoDB's 400 KB item, which entries within
     *     the store's limits never make (100 entries of the longest stream keys and types, every character escaped,
     *     are about 320 KB) but a very large set of shard checkpoints could
     */
    Map<String, AttributeValue> toItem(long writtenMillis) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(FeedTable.PK, AttributeValue.fromS(PARTITION));
        item.put(FeedTable.SK, number(firstPosition));
        item.put(COUNT, number(entries.size()));
        item.put(ENTRIES, AttributeValue.fromS(FeedCodec.encodeEntries(entries)));
        item.put(CHECKPOINTS, AttributeValue.fromS(FeedCodec.encodeCheckpoints(checkpoints)));
        item.put(RECORD_TIME, number(newestRecordMillis));
        item.put(WRITTEN, number(writtenMillis));
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("the feed chunk at position " + firstPosition + " of "
                    + entries.size() + " entries and " + checkpoints.lastSequenceNumbers().size()
                    + " shard checkpoints would be an item of " + size + " bytes, more than DynamoDB's "
                    + ItemSize.MAX_ITEM_BYTES + ": write fewer entries in it");
        }
        return item;
    }

    /**
     * The chunk {@code item} of the feed table {@code tableName} holds.
     *
     * @throws IllegalStateException when the item is not a chunk as {@link #toItem} writes it, naming it
     */
    static FeedChunk fromItem(Map<String, AttributeValue> item, String tableName) {
        String position = item.containsKey(FeedTable.SK) ? item.get(FeedTable.SK).n() : null;
        try {
            long first = Long.parseLong(required(item, FeedTable.SK).n());
            int count = Integer.parseInt(required(item, COUNT).n());
            List<FeedPointer> entries = FeedCodec.decodeEntries(required(item, ENTRIES).s());
            if (entries.size() != count) {
                throw new IllegalArgumentException("it counts " + count + " entries but holds " + entries.size());
            }
            ShardCheckpoints checkpoints = FeedCodec.decodeCheckpoints(required(item, CHECKPOINTS).s());
            AttributeValue recordTime = item.get(RECORD_TIME);
            long newest = recordTime == null || recordTime.n() == null ? 0 : Long.parseLong(recordTime.n());
            return new FeedChunk(first, entries, checkpoints, newest);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the feed chunk at position " + position + " of DynamoDB table '"
                    + tableName + "' is not one this store wrote: " + e.getMessage(), e);
        }
    }

    private static AttributeValue required(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || (value.s() == null && value.n() == null)) {
            throw new IllegalArgumentException("it has no attribute '" + attribute + "'");
        }
        return value;
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
