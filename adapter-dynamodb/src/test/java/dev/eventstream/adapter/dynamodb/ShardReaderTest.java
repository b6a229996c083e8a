package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The indexer's DynamoDB Streams requests, against a stand-in that answers as DynamoDB Streams does for a stream of
 * several pages of shards (moto lists one shard, in one page).
 */
class ShardReaderTest {
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/events/stream/2026";

    private final List<Object> requests = new ArrayList<>();
    private final DynamoDbStreamsClient streams = new DynamoDbStreamsClient() {
        @Override
        public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
            requests.add(request);
            String start = request.exclusiveStartShardId();
            if (start == null) {
                return page("s-2", shard("s-1", null), shard("s-2", "s-1"));
            }
            if (start.equals("s-2")) {
                return page("s-3", shard("s-3", "s-1"));
            }
            return page(null);
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            requests.add(request);
            if ("1".equals(request.sequenceNumber())) {
                throw TrimmedDataAccessException.builder().message("trimmed").build();
            }
            return GetShardIteratorResponse.builder().shardIterator("it").build();
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            requests.add(request);
            return GetRecordsResponse.builder().records(List.of()).build();
        }

        @Override
        public String serviceName() {
            return "DynamoDbStreams";
        }

        @Override
        public void close() {}
    };
    private final ShardReader reader = new ShardReader(streams, ARN);

    private static Shard shard(String id, String parent) {
        return Shard.builder().shardId(id).parentShardId(parent)
                .sequenceNumberRange(r -> r.startingSequenceNumber("1")).build();
    }

    private static DescribeStreamResponse page(String lastEvaluated, Shard... shards) {
        return DescribeStreamResponse.builder().streamDescription(d -> d.streamArn(ARN).shards(shards)
                .lastEvaluatedShardId(lastEvaluated)).build();
    }

    @Test
    void describesEveryPageOfShards() {
        assertThat(reader.describe()).extracting(StreamShard::shardId).containsExactly("s-1", "s-2", "s-3");
        assertThat(requests).hasSize(3);
    }

    @Test
    void aShardNotStartedOrWithNothingIndexedIsReadFromItsOldestRecordAnotherAfterItsCheckpoint() {
        reader.iterator("s-1", Optional.empty());
        reader.iterator("s-1", Optional.of(""));
        reader.iterator("s-1", Optional.of("42"));
        assertThat(requests).extracting(request -> ((GetShardIteratorRequest) request).shardIteratorType()
                + " " + ((GetShardIteratorRequest) request).sequenceNumber())
                .containsExactly("TRIM_HORIZON null", "TRIM_HORIZON null", "AFTER_SEQUENCE_NUMBER 42");
        assertThat(((GetShardIteratorRequest) requests.get(2)).shardIteratorType())
                .isEqualTo(ShardIteratorType.AFTER_SEQUENCE_NUMBER);
    }

    @Test
    void recordsTrimmedAwayAreAFailureSayingSo() {
        assertThatThrownBy(() -> reader.iterator("s-1", Optional.of("1")))
                .isInstanceOfSatisfying(ShardReader.StreamsFailure.class,
                        failure -> assertThat(failure.trimmed()).isTrue())
                .hasMessageContaining("no longer hold the records");
    }

    @Test
    void aClosedShardReadToItsEndHasNoNextIterator() {
        assertThat(reader.records("s-1", "it").nextIterator()).isNull();
    }
}
