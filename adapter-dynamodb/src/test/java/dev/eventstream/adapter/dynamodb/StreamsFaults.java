package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What the indexer's tests do to the DynamoDB Streams client they hand it: on request, records are delivered the
 * way DynamoDB Streams may (again, inclusive of the checkpoint, or after records that follow them), calls fail, or
 * hang as in a process that stopped dead. An interceptor of the client rather than a wrapper around it, so the
 * indexer's own code stays the sender of its requests (which the IAM policy check looks at).
 */
final class StreamsFaults implements ExecutionInterceptor {
    private final AtomicInteger getRecordsCalls = new AtomicInteger();
    private final AtomicInteger frozenCalls = new AtomicInteger();
    private volatile boolean inclusiveAfterSequenceNumber;
    private volatile boolean replayEachBatch;
    private volatile Predicate<Record> holdBack = record -> false;
    private volatile CountDownLatch frozen = new CountDownLatch(0);
    private final List<Record> heldBack = new ArrayList<>();
    private List<Record> lastBatch = List.of();
    private int failuresToCome;
    private Supplier<RuntimeException> failure = () -> new IllegalStateException("test");
    private @Nullable DynamoDbStreamsClient client;
    private volatile @Nullable BigInteger trimmedUpTo;
    private final AtomicInteger trimmedAnswers = new AtomicInteger();
    private volatile @Nullable Runnable onTrimHorizon;
    private volatile @Nullable Runnable onEmptyPage;

    /** The client these faults are installed in. */
    DynamoDbStreamsClient client() {
        return requireNonNull(client, "not installed in a client");
    }

    StreamsFaults installedIn(DynamoDbStreamsClient client) {
        this.client = client;
        return this;
    }

    /** AFTER_SEQUENCE_NUMBER iterators start at the record of the sequence number, as some engines do. */
    StreamsFaults inclusiveAfterSequenceNumber() {
        inclusiveAfterSequenceNumber = true;
        return this;
    }

    /** Each GetRecords answer starts with the records of the answer before it, once more. */
    StreamsFaults replayEachBatch() {
        replayEachBatch = true;
        return this;
    }

    /** Records matching {@code which} are taken out of the answer they are in and delivered with the next one. */
    StreamsFaults holdBack(Predicate<Record> which) {
        holdBack = requireNonNull(which, "which is null");
        return this;
    }

    /**
     * Records up to {@code sequenceNumber} are taken as trimmed (older than the stream keeps): GetShardIterator at
     * or after one of them fails with TrimmedDataAccessException, before it is sent; TRIM_HORIZON reads work.
     */
    StreamsFaults trimmedUpTo(String sequenceNumber) {
        trimmedUpTo = new BigInteger(sequenceNumber);
        return this;
    }

    /** How many requests {@link #trimmedUpTo} refused. */
    int trimmedAnswers() {
        return trimmedAnswers.get();
    }

    /** Runs {@code action} once, on the next TRIM_HORIZON GetShardIterator, before it is sent. */
    StreamsFaults onceOnTrimHorizon(Runnable action) {
        onTrimHorizon = action;
        return this;
    }

    /** Runs {@code action} once, when the next GetRecords answer without records arrives. */
    StreamsFaults onceOnEmptyPage(Runnable action) {
        onEmptyPage = action;
        return this;
    }

    /** The next {@code count} GetRecords calls fail with {@code failure}, before they are sent. */
    synchronized void failNext(int count, Supplier<RuntimeException> failure) {
        this.failuresToCome = count;
        this.failure = failure;
    }

    /** Every call from now on blocks until {@link #thaw()}. */
    void freeze() {
        frozen = new CountDownLatch(1);
    }

    void thaw() {
        frozen.countDown();
    }

    int getRecordsCalls() {
        return getRecordsCalls.get();
    }

    /** How many calls {@link #freeze()} blocks now. */
    int frozenCalls() {
        return frozenCalls.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        awaitThawed();
        if (context.request() instanceof GetShardIteratorRequest request) {
            BigInteger trimmed = trimmedUpTo;
            if (trimmed != null && request.sequenceNumber() != null
                    && new BigInteger(request.sequenceNumber()).compareTo(trimmed) <= 0) {
                trimmedAnswers.incrementAndGet();
                throw TrimmedDataAccessException.builder().message("record " + request.sequenceNumber()
                        + " is trimmed (test)").build();
            }
            Runnable action = onTrimHorizon;
            if (action != null && request.shardIteratorType() == ShardIteratorType.TRIM_HORIZON) {
                onTrimHorizon = null;
                action.run();
            }
        }
        if (context.request() instanceof GetRecordsRequest) {
            getRecordsCalls.incrementAndGet();
            synchronized (this) {
                if (failuresToCome > 0) {
                    failuresToCome--;
                    throw failure.get();
                }
            }
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (inclusiveAfterSequenceNumber && context.request() instanceof GetShardIteratorRequest request
                && request.shardIteratorType() == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
            return request.toBuilder().shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).build();
        }
        return context.request();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof GetRecordsResponse response)) {
            return context.response();
        }
        Runnable action = onEmptyPage;
        if (action != null && response.records().isEmpty()) {
            onEmptyPage = null;
            action.run();
        }
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
        frozenCalls.incrementAndGet();
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("frozen for too long");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while frozen", e);
        } finally {
            frozenCalls.decrementAndGet();
        }
    }
}
