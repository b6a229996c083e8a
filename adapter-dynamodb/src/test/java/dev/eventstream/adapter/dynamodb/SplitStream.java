package dev.eventstream.adapter.dynamodb;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stand-in for DynamoDB Streams serving a stream whose shards split (moto serves one shard per table): shards with
 * parents, closed or open, their records, answered as DynamoDB Streams answers DescribeStream, GetShardIterator and
 * GetRecords (a closed shard's last page has no next iterator). Notes which shard each GetRecords read.
 */
final class SplitStream implements DynamoDbStreamsClient {
    private record StoredShard(String id, @Nullable String parent, boolean closed, List<Record> records) {}

    private final Map<String, StoredShard> shards = new LinkedHashMap<>();
    private final List<String> reads = new ArrayList<>();

    synchronized SplitStream shard(String id, @Nullable String parent, boolean closed, List<Record> records) {
        shards.put(id, new StoredShard(id, parent, closed, List.copyOf(records)));
        return this;
    }

    /** The shards GetRecords read, one entry per call that returned records or ended the shard. */
    synchronized List<String> reads() {
        return List.copyOf(reads);
    }

    @Override
    public synchronized DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        List<Shard> described = shards.values().stream()
                .map(shard -> Shard.builder().shardId(shard.id()).parentShardId(shard.parent())
                        .sequenceNumberRange(r -> r.startingSequenceNumber("1")
                                .endingSequenceNumber(shard.closed() ? "999999999999999999999" : null))
                        .build())
                .toList();
        return DescribeStreamResponse.builder().streamDescription(d -> d.shards(described)).build();
    }

    @Override
    public synchronized GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        StoredShard shard = shards.get(request.shardId());
        int index = 0;
        if (request.shardIteratorType() == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
            BigInteger after = new BigInteger(request.sequenceNumber());
            while (index < shard.records().size()
                    && new BigInteger(shard.records().get(index).dynamodb().sequenceNumber()).compareTo(after) <= 0) {
                index++;
            }
        }
        return GetShardIteratorResponse.builder().shardIterator(shard.id() + "|" + index).build();
    }

    @Override
    public synchronized GetRecordsResponse getRecords(GetRecordsRequest request) {
        String[] iterator = request.shardIterator().split("\\|");
        StoredShard shard = shards.get(iterator[0]);
        int from = Integer.parseInt(iterator[1]);
        int to = Math.min(shard.records().size(), from + request.limit());
        List<Record> page = shard.records().subList(from, to);
        boolean ended = shard.closed() && to == shard.records().size();
        if (!page.isEmpty() || ended) {
            reads.add(shard.id());
        }
        return GetRecordsResponse.builder().records(page)
                .nextShardIterator(ended ? null : shard.id() + "|" + to).build();
    }

    @Override
    public String serviceName() {
        return "DynamoDbStreams";
    }

    @Override
    public void close() {}
}
