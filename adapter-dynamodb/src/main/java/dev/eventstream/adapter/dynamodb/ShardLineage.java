package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The shards of the stream and their parents, and from them which shards the indexer reads now. DynamoDB Streams
 * keep an item's records in order only along a shard's lineage: a child's records follow its parent's, so a child
 * is read only once its parent is finished. Finished means absent from the description (trimmed after 24 hours),
 * or closed, not in the checkpoints, and with a child in the checkpoints (or finished itself): the indexer removes
 * a shard it has read to its end from the checkpoints and adds its children in the same write.
 *
 * <p>A closed shard without children (the stream was disabled) cannot be told from an unstarted one by the
 * checkpoints; the indexer keeps such a shard in the checkpoints at its last record, where reading it again finds
 * nothing, and names it in {@code finishedHere} once it has read it to its end.
 */
final class ShardLineage {
    private final Map<String, StreamShard> shards = new LinkedHashMap<>();
    private final Map<String, List<StreamShard>> children = new LinkedHashMap<>();

    ShardLineage(List<StreamShard> described) {
        for (StreamShard shard : requireNonNull(described, "described is null")) {
            shards.put(shard.shardId(), shard);
        }
        for (StreamShard shard : shards.values()) {
            if (shard.parentShardId() != null && shards.containsKey(shard.parentShardId())) {
                children.computeIfAbsent(shard.parentShardId(), id -> new ArrayList<>()).add(shard);
            }
        }
    }

    boolean contains(String shardId) {
        return shards.containsKey(shardId);
    }

    /** The ids of the shards split from {@code shardId} that the description holds. */
    List<String> childrenOf(String shardId) {
        return children.getOrDefault(shardId, List.of()).stream().map(StreamShard::shardId).toList();
    }

    /**
     * The shards to read now: not finished, and their parent finished (or absent), parents before children, and
     * shards of one generation by id (DynamoDB's shard ids begin with their creation time).
     *
     * @param finishedHere shards this indexer has read to their end since it took over
     */
    List<StreamShard> readable(ShardCheckpoints checkpoints, Set<String> finishedHere) {
        requireNonNull(checkpoints, "checkpoints is null");
        requireNonNull(finishedHere, "finishedHere is null");
        return shards.values().stream()
                .filter(shard -> !isFinished(shard, checkpoints, finishedHere, new HashSet<>()))
                .filter(shard -> {
                    StreamShard parent = parentOf(shard);
                    return parent == null || isFinished(parent, checkpoints, finishedHere, new HashSet<>());
                })
                .sorted(Comparator.comparingInt(this::depth).thenComparing(StreamShard::shardId))
                .toList();
    }

    /** Whether the indexer is done with {@code shardId} (by the rule above). */
    boolean isFinished(String shardId, ShardCheckpoints checkpoints, Set<String> finishedHere) {
        StreamShard shard = shards.get(shardId);
        return shard == null || isFinished(shard, checkpoints, finishedHere, new HashSet<>());
    }

    private boolean isFinished(StreamShard shard, ShardCheckpoints checkpoints, Set<String> finishedHere,
            Set<String> visited) {
        if (finishedHere.contains(shard.shardId())) {
            return true;
        }
        if (!shard.closed() || checkpoints.of(shard.shardId()).isPresent() || !visited.add(shard.shardId())) {
            return false;
        }
        for (StreamShard child : children.getOrDefault(shard.shardId(), List.of())) {
            if (checkpoints.of(child.shardId()).isPresent()
                    || isFinished(child, checkpoints, finishedHere, visited)) {
                return true;
            }
        }
        return false;
    }

    private @Nullable StreamShard parentOf(StreamShard shard) {
        return shard.parentShardId() == null ? null : shards.get(shard.parentShardId());
    }

    /** How many of the shard's ancestors the description holds; bounded, should parent ids ever form a cycle. */
    private int depth(StreamShard shard) {
        int depth = 0;
        for (StreamShard parent = parentOf(shard); parent != null && depth < shards.size(); parent = parentOf(parent)) {
            depth++;
        }
        return depth;
    }
}
