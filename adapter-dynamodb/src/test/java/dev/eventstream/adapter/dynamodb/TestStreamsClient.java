package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB Streams client for the indexer's tests: forwards to moto, and on request delivers records the way
 * DynamoDB Streams may (again, inclusive of the checkpoint, or later than records that follow them), fails calls,
 * or hangs, as a process that stopped would.
 *
 * <p>Being test code, it also keeps the indexer's Streams requests out of the IAM policy check until the policy
 * allows them: the check attributes a request to the innermost frame of project code, which is this class (and
 * the client it forwards to is marked test-only).
 */
final class TestStreamsClient implements DynamoDbStreamsClient {
    private final DynamoDbStreamsClient delegate;
    private final AtomicInteger getRecordsCalls = new AtomicInteger();
    private final AtomicInteger waitingCalls = new AtomicInteger();
    private volatile boolean inclusiveAfterSequenceNumber;
    private volatile boolean replayEachBatch;
    private volatile Predicate<Record> holdBack = record -> false;
    private volatile CountDownLatch frozen = new CountDownLatch(0);
    private final List<Record> heldBack = new ArrayList<>();
    private List<Record> lastBatch = List.of();
    private int failuresToCome;
    private Supplier<RuntimeException> failure = () -> new IllegalStateException("test");

    TestStreamsClient(DynamoDbStreamsClient delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    /** AFTER_SEQUENCE_NUMBER iterators start at the record of the sequence number, as some engines do. */
    TestStreamsClient inclusiveAfterSequenceNumber() {
        inclusiveAfterSequenceNumber = true;
        return this;
    }

    /** Each GetRecords answer starts with the records of the answer before it, once more. */
    TestStreamsClient replayEachBatch() {
        replayEachBatch = true;
        return this;
    }

    /** Records matching {@code which} are taken out of the answer they are in and delivered with the next one. */
    TestStreamsClient holdBack(Predicate<Record> which) {
        holdBack = requireNonNull(which, "which is null");
        return this;
    }

    /** The next {@code count} GetRecords calls fail with {@code failure}. */
    synchronized void failNext(int count, Supplier<RuntimeException> failure) {
        this.failuresToCome = count;
        this.failure = failure;
    }

    /** Every call from now on blocks until {@link #thaw()}, as in a process that stopped dead. */
    void freeze() {
        frozen = new CountDownLatch(1);
    }

    void thaw() {
        frozen.countDown();
    }

    int getRecordsCalls() {
        return getRecordsCalls.get();
    }

    /** How many calls are blocked by {@link #freeze()} now. */
    int frozenCalls() {
        return waitingCalls.get();
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        awaitThawed();
        return delegate.describeStream(request);
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        awaitThawed();
        if (inclusiveAfterSequenceNumber && request.shardIteratorType() == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
            request = request.toBuilder().shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).build();
        }
        return delegate.getShardIterator(request);
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        awaitThawed();
        getRecordsCalls.incrementAndGet();
        synchronized (this) {
            if (failuresToCome > 0) {
                failuresToCome--;
                throw failure.get();
            }
        }
        GetRecordsResponse response = delegate.getRecords(request);
        List<Record> records = new ArrayList<>();
        synchronized (this) {
            if (replayEachBatch) {
                records.addAll(lastBatch);
            }
            records.addAll(heldBack);
            heldBack.clear();
            for (Record record : response.records()) {
                if (holdBack.test(record)) {
                    heldBack.add(record);
                } else {
                    records.add(record);
                }
            }
            lastBatch = List.copyOf(response.records());
        }
        return response.toBuilder().records(records).build();
    }

    private void awaitThawed() {
        CountDownLatch latch = frozen;
        if (latch.getCount() == 0) {
            return;
        }
        waitingCalls.incrementAndGet();
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("frozen for too long");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while frozen", e);
        } finally {
            waitingCalls.decrementAndGet();
        }
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
