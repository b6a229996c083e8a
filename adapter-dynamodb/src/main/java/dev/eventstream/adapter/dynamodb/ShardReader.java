package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB Streams requests of the indexer, on one stream: the shards (DescribeStream, every page), an iterator
 * at a shard's checkpoint, and the records after an iterator. Failures come out as {@link StreamsFailure}.
 */
final class ShardReader {
    /** GetRecords' largest page. */
    static final int RECORDS_PER_CALL = 1000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;

    ShardReader(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = requireNonNull(streams, "streams is null");
        this.streamArn = requireNonNull(streamArn, "streamArn is null");
        if (streamArn.isBlank()) {
            throw new IllegalArgumentException("streamArn is blank");
        }
    }

    /**
     * The events table's stream: its {@code LatestStreamArn}, from one DescribeTable.
     *
     * @throws IllegalStateException when the table has no stream
     */
    static String streamArnOf(DynamoDbClient client, String tableName) {
        String arn;
        try {
            arn = client.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "find the stream of table " + tableName);
        }
        if (arn == null || arn.isBlank()) {
            throw new IllegalStateException("DynamoDB table '" + tableName + "' has no stream; the feed's indexer"
                    + " needs one with StreamViewType NEW_IMAGE");
        }
        return arn;
    }

    String streamArn() {
        return streamArn;
    }

    /** Every shard the stream holds, in the order DescribeStream lists them. */
    List<StreamShard> describe() {
        List<StreamShard> shards = new ArrayList<>();
        String after = null;
        do {
            String start = after;
            DescribeStreamResponse page = call("describe stream " + streamArn,
                    () -> streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(start)));
            for (Shard shard : page.streamDescription().shards()) {
                shards.add(StreamShard.of(shard));
            }
            after = page.streamDescription().lastEvaluatedShardId();
        } while (after != null);
        return shards;
    }

    /**
     * An iterator at the records after {@code checkpoint} of {@code shardId}: after the sequence number it holds, or
     * from the oldest record kept when it is absent (not started) or "" (started, nothing indexed yet).
     */
    String iterator(String shardId, Optional<String> checkpoint) {
        String after = checkpoint.filter(sequence -> !sequence.isEmpty()).orElse(null);
        return call("get an iterator of shard " + shardId, () -> streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator());
    }

    /** The records at {@code iterator}, and the iterator after them, null when the shard is closed and read. */
    Batch records(String shardId, String iterator) {
        GetRecordsResponse response = call("read shard " + shardId,
                () -> streams.getRecords(r -> r.shardIterator(iterator).limit(RECORDS_PER_CALL)));
        return new Batch(response.records(), response.nextShardIterator());
    }

    /**
     * @param records in the shard's order
     * @param nextIterator where the shard goes on; null when it is closed and this was its end
     */
    record Batch(List<Record> records, @Nullable String nextIterator) {
        Batch {
            records = List.copyOf(requireNonNull(records, "records is null"));
        }
    }

    private static <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (TrimmedDataAccessException e) {
            throw new StreamsFailure("DynamoDB Streams no longer hold the records to " + what + " ("
                    + e.getMessage() + ")", true);
        } catch (SdkException e) {
            throw new StreamsFailure("DynamoDB Streams failed to " + what + ": " + e.getMessage(), false);
        }
    }

    /** A failed DynamoDB Streams request; the indexer's state is untouched by it, its iterators may be stale. */
    static final class StreamsFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean trimmed;

        StreamsFailure(String message, boolean trimmed) {
            super(message);
            this.trimmed = trimmed;
        }

        /** Whether the records asked for are older than the stream keeps (24 hours): the feed misses them. */
        boolean trimmed() {
            return trimmed;
        }
    }
}
