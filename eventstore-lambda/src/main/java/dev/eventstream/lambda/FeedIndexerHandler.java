package dev.eventstream.lambda;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbFeedIndexing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The feed's indexer as an AWS Lambda function on the events table's DynamoDB stream (handler
 * {@code dev.eventstream.lambda.FeedIndexerHandler::handleRequest}; docs/lambda.md). Each invocation's records
 * are added to the feed through {@link DynamoDbFeedIndexing}; the store's processes run with
 * {@code feedMode EXTERNAL} and only read the feed.
 *
 * <p>Shards: Lambda invokes the function with the records of one shard at a time, in the shard's order (with a
 * {@code ParallelizationFactor} of 1), but the event names no shard: records carry the stream's ARN, the same for
 * every shard, and sequence numbers of different shards cannot be compared. So one invocation is taken as one
 * shard of unknown id: the batch is indexed without a shard checkpoint, and records Lambda delivers again (a
 * retry, a duplicate) are skipped by their streams' order, which every record's event carries (see
 * {@link DynamoDbFeedIndexing#index(List)}). Records must come from the stream of the configured events table.
 *
 * <p>Failures: when a batch is not indexed to its end, the response names the first record not indexed as a batch
 * item failure, so that Lambda (with {@code FunctionResponseTypes: ReportBatchItemFailures}) hands the batch again
 * from there; the records before it are indexed. An invalid event fails the invocation.
 *
 * <p>Built once per execution environment (a cold start), reading its settings from the environment
 * ({@link FunctionEnvironment}); what it learns of the feed's end is kept between the invocations of a warm one.
 */
public final class FeedIndexerHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedIndexerHandler.class);

    private final DynamoDbFeedIndexing indexing;
    private final String tableName;

    /**
     * The handler as Lambda builds it, configured from the function's environment variables.
     *
     * @throws IllegalArgumentException when a variable is missing or invalid
     * @throws IllegalStateException when a table or the stream is missing
     */
    public FeedIndexerHandler() {
        this(System.getenv());
    }

    /**
     * The handler configured from {@code environment}, read as the function's environment variables
     * ({@link FunctionEnvironment}): for a test, or a runtime that passes them another way.
     *
     * @throws IllegalArgumentException when a variable is missing or invalid
     * @throws IllegalStateException when a table or the stream is missing
     */
    public FeedIndexerHandler(Map<String, String> environment) {
        this(FunctionEnvironment.config(environment));
    }

    /** A handler on the tables {@code config} names ({@code feedMode EXTERNAL}), with a client of its own. */
    public FeedIndexerHandler(DynamoDbConfig config) {
        this(new DynamoDbFeedIndexing(config), config.tableName());
    }

    /** A handler indexing through {@code indexing}, for records of the stream of {@code tableName}. */
    public FeedIndexerHandler(DynamoDbFeedIndexing indexing, String tableName) {
        this.indexing = requireNonNull(indexing, "indexing is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
    }

    /**
     * Indexes the event's records.
     *
     * @return no batch item failures when every record is indexed, else the first record not indexed
     * @throws IllegalArgumentException when a record is invalid or from another table's stream
     */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, @Nullable Context context) {
        requireNonNull(event, "event is null");
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of()
                : event.getRecords();
        List<Record> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            DynamodbEvent.DynamodbStreamRecord record = records.get(i);
            if (record == null) {
                throw new IllegalArgumentException("record " + i + " of the event is null");
            }
            requireOwnStream(record, i);
            batch.add(StreamRecordConversion.toSdk(record));
        }
        DynamoDbFeedIndexing.Result result = indexing.index(batch);
        if (result.complete()) {
            return new StreamsEventResponse(List.of());
        }
        String first = requireNonNull(result.firstNotIndexed());
        LOG.warn("Indexed {} entries of a batch of {} records, then failed ({}); Lambda hands the batch again from"
                + " record {}", result.entriesWritten(), batch.size(), result.failure(), first);
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(first)));
    }

    /** A record of another table's stream means a misconfigured event source mapping, which must not go unseen. */
    private void requireOwnStream(DynamodbEvent.DynamodbStreamRecord record, int index) {
        String arn = record.getEventSourceARN();
        if (arn != null && !arn.contains(":table/" + tableName + "/stream/")) {
            throw new IllegalArgumentException("record " + index + " (event id " + record.getEventID() + ") comes"
                    + " from stream " + arn + ", not from the stream of events table '" + tableName + "': the"
                    + " function's event source must be that table's stream (" + FunctionEnvironment.TABLE_NAME
                    + ")");
        }
    }

    /** Closes the DynamoDB client the handler built. */
    @Override
    public void close() {
        indexing.close();
    }
}
