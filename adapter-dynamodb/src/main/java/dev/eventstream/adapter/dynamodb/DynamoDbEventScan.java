package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The events table's events by one paginated, strongly consistent Scan projecting only what a feed entry holds
 * ({@code pk, seq, id, type, ts}): the payloads, metadata and revisions are not returned (the feed reads them from
 * the event's item when a reader keeps its entry), but DynamoDB charges the Scan by the size of the items read,
 * one read unit per 4 KB (half a unit for eventually consistent reads, which would miss recent events).
 * Event items are told apart here as the indexer tells their stream records apart ({@link StreamRecordEvents}).
 */
final class DynamoDbEventScan implements EventScan {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbEventScan.class);

    private final DynamoDbClient client;
    private final String tableName;

    DynamoDbEventScan(DynamoDbClient client, String tableName) {
        this.client = requireNonNull(client, "client is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
    }

    @Override
    public void scan(Consumer<FeedPointer> sink, Runnable eachPage) {
        requireNonNull(sink, "sink is null");
        requireNonNull(eachPage, "eachPage is null");
        ScanRequest request = ScanRequest.builder()
                .tableName(tableName)
                .consistentRead(true)
                .projectionExpression("#pk, #seq, #id, #type, #ts")
                .expressionAttributeNames(Map.of("#pk", EventItem.PK, "#seq", EventItem.SEQ, "#id", EventItem.ID,
                        "#type", EventItem.TYPE, "#ts", EventItem.TS))
                .build();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page;
            try {
                page = client.scan(request.toBuilder().exclusiveStartKey(start).build());
            } catch (SdkException e) {
                throw DynamoDbExceptions.translate(e, "scan the events of " + tableName);
            }
            for (Map<String, AttributeValue> item : page.items()) {
                FeedPointer pointer = pointerOf(item);
                if (pointer != null) {
                    sink.accept(pointer);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            eachPage.run();
        } while (start != null);
    }

    /** The entry of an event item; null for a snapshot, a marker, or an item this store did not write. */
    static @Nullable FeedPointer pointerOf(Map<String, AttributeValue> item) {
        String pk = text(item.get(EventItem.PK));
        if (pk == null || pk.isEmpty() || !Character.isDigit(pk.charAt(0)) || pk.startsWith(EventItem.MARKER_PREFIX)) {
            return null;
        }
        AttributeValue seq = item.get(EventItem.SEQ);
        if (seq == null || seq.n() == null) {
            return null;
        }
        try {
            long sequence = Long.parseLong(seq.n());
            if (sequence < 1) {
                return null;
            }
            String id = text(item.get(EventItem.ID));
            String type = text(item.get(EventItem.TYPE));
            AttributeValue ts = item.get(EventItem.TS);
            if (id == null || type == null || ts == null || ts.n() == null) {
                throw new IllegalArgumentException("it lacks one of " + EventItem.ID + ", " + EventItem.TYPE + ", "
                        + EventItem.TS);
            }
            return new FeedPointer(EventItem.streamOf(pk), sequence, UUID.fromString(id), type,
                    Long.parseLong(ts.n()));
        } catch (RuntimeException e) {
            LOG.warn("Item {}/{} is not an event of this store ({}); the feed's rebuild leaves it out", pk, seq.n(),
                    e.getMessage());
            return null;
        }
    }

    private static @Nullable String text(@Nullable AttributeValue value) {
        return value == null ? null : value.s();
    }
}
