package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Until docs/iam/dynamodb.json grants the indexer's DynamoDB Streams actions (DescribeStream, GetShardIterator,
 * GetRecords on the table's stream): forwards the indexer's requests from test code, on a client marked test-only,
 * so the IAM policy check does not refuse them. Remove it (StreamedEventTable hands the indexer the client itself)
 * once the policy has them, so that the check holds the indexer to the policy.
 */
final class UncheckedStreamsClient implements DynamoDbStreamsClient {
    private final DynamoDbStreamsClient delegate;

    UncheckedStreamsClient(DynamoDbStreamsClient delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        return delegate.describeStream(request);
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return delegate.getShardIterator(request);
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return delegate.getRecords(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
