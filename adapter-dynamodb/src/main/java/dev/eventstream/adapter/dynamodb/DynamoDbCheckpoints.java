package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.CheckpointStore;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Consumer groups' checkpoints in the feed table, one item each: partition {@code checkpoint:<group>}, sort key 0,
 * the position in {@code pos}. Advancing is one UpdateItem conditioned on the stored position being smaller, so a
 * checkpoint never goes back however the writes of two instances interleave. Thread-safe.
 */
final class DynamoDbCheckpoints implements CheckpointStore {
    static final String PREFIX = "checkpoint:";
    static final String POSITION = "pos";

    private final DynamoDbClient client;
    private final String tableName;

    DynamoDbCheckpoints(DynamoDbClient client, String tableName) {
        this.client = requireNonNull(client, "client is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
    }

    /** One consistent GetItem: a checkpoint just advanced is seen, so a new holder of the group resumes after it. */
    @Override
    public OptionalLong load(String group) {
        DynamoDbLeases.requireText(group, "group");
        try {
            Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName)
                    .key(key(group))
                    .consistentRead(true)).item();
            AttributeValue position = item == null ? null : item.get(POSITION);
            return position == null || position.n() == null ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(position.n()));
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "load the checkpoint of group " + group + " from " + tableName);
        }
    }

    @Override
    public void advance(String group, long position) {
        DynamoDbLeases.requireText(group, "group");
        requirePosition(position);
        try {
            client.updateItem(r -> r.tableName(tableName)
                    .key(key(group))
                    .updateExpression("SET #pos = :pos")
                    .conditionExpression("attribute_not_exists(#pos) OR #pos < :pos")
                    .expressionAttributeNames(Map.of("#pos", POSITION))
                    .expressionAttributeValues(Map.of(":pos", FeedChunk.number(position))));
        } catch (ConditionalCheckFailedException notBeyond) {
            // The stored checkpoint is at or beyond the position already.
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "advance the checkpoint of group " + group + " in " + tableName);
        }
    }

    /** One PutItem conditioned on the item being absent. */
    @Override
    public boolean initialize(String group, long position) {
        DynamoDbLeases.requireText(group, "group");
        requirePosition(position);
        try {
            client.putItem(r -> r.tableName(tableName)
                    .item(Map.of(FeedTable.PK, AttributeValue.fromS(PREFIX + group), FeedTable.SK,
                            FeedChunk.number(0), POSITION, FeedChunk.number(position)))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", FeedTable.PK)));
            return true;
        } catch (ConditionalCheckFailedException present) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "initialize the checkpoint of group " + group + " in " + tableName);
        }
    }

    /** One unconditional PutItem. */
    @Override
    public void reset(String group, long position) {
        DynamoDbLeases.requireText(group, "group");
        requirePosition(position);
        try {
            client.putItem(r -> r.tableName(tableName).item(Map.of(
                    FeedTable.PK, AttributeValue.fromS(PREFIX + group),
                    FeedTable.SK, FeedChunk.number(0),
                    POSITION, FeedChunk.number(position))));
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "reset the checkpoint of group " + group + " in " + tableName);
        }
    }

    private static void requirePosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must be at least 0, was " + position);
        }
    }

    private static Map<String, AttributeValue> key(String group) {
        return Map.of(FeedTable.PK, AttributeValue.fromS(PREFIX + group), FeedTable.SK, FeedChunk.number(0));
    }
}
