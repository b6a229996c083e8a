package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * A shard of the events table's stream as DescribeStream lists it.
 *
 * @param shardId the shard's id
 * @param parentShardId the shard it was split from, null for none (or none the description holds any more)
 * @param closed whether the shard takes no more records (it has an ending sequence number): read to its end, it
 *     is finished
 */
record StreamShard(String shardId, @Nullable String parentShardId, boolean closed) {
    StreamShard {
        requireNonNull(shardId, "shardId is null");
    }

    static StreamShard of(Shard shard) {
        boolean closed = shard.sequenceNumberRange() != null
                && shard.sequenceNumberRange().endingSequenceNumber() != null;
        return new StreamShard(shard.shardId(), shard.parentShardId(), closed);
    }
}
