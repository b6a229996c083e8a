package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far the indexer has read each shard of the events table's DynamoDB stream: for every shard it has started and
 * not yet finished, the sequence number of the last record it indexed ("" when it has started the shard and indexed
 * nothing of it yet). A shard that is not here is either not started, or finished: the indexer takes a closed shard
 * whose children are here (or finished) as finished, since it starts children only once their parent is done.
 *
 * @param lastSequenceNumbers shard id to the sequence number of its last indexed record, or ""
 */
record ShardCheckpoints(Map<String, String> lastSequenceNumbers) {
    static final ShardCheckpoints NONE = new ShardCheckpoints(Map.of());

    ShardCheckpoints {
        // Sorted, so that the encoded form of equal checkpoints is equal.
        lastSequenceNumbers = java.util.Collections.unmodifiableMap(
                new TreeMap<>(requireNonNull(lastSequenceNumbers, "lastSequenceNumbers is null")));
    }

    /** The last indexed record of {@code shardId}: empty when the shard is not held here, "" when none yet. */
    Optional<String> of(String shardId) {
        return Optional.ofNullable(lastSequenceNumbers.get(shardId));
    }

    /** These checkpoints with {@code shardId} read up to {@code sequenceNumber} ("" for started, nothing read). */
    ShardCheckpoints with(String shardId, String sequenceNumber) {
        Map<String, String> changed = new TreeMap<>(lastSequenceNumbers);
        changed.put(shardId, sequenceNumber);
        return new ShardCheckpoints(changed);
    }

    /** These checkpoints without {@code shardId}: it is finished. */
    ShardCheckpoints without(String shardId) {
        Map<String, String> changed = new TreeMap<>(lastSequenceNumbers);
        changed.remove(shardId);
        return new ShardCheckpoints(changed);
    }
}
