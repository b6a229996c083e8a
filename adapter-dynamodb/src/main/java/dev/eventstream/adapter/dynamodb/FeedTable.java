package dev.eventstream.adapter.dynamodb;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Makes sure what the feed needs is there before the store uses it: the events table's DynamoDB stream, from which
 * the indexer learns of every committed event, and the feed table. With {@code createTable} it enables the stream on
 * an events table without one and creates the feed table; without, it checks both and says what is missing.
 */
final class FeedTable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedTable.class);

    /** Partition key of every feed table item: {@code feed} for chunks, {@code lease:}, {@code checkpoint:} ... */
    static final String PK = "pk";
    /** Sort key: a chunk's first position, a parked entry's position, 0 for leases and checkpoints. */
    static final String SK = "sk";

    /**
     * The stream as the store creates it. NEW_IMAGE is the least that carries what the indexer reads of an insert
     * (the new item); NEW_AND_OLD_IMAGES carries it too and is accepted on a table made elsewhere.
     */
    static final StreamSpecification STREAM = StreamSpecification.builder()
            .streamEnabled(true)
            .streamViewType(StreamViewType.NEW_IMAGE)
            .build();

    private static final String EXPECTED_KEYS = "partition key '" + PK + "' (S) and sort key '" + SK + "' (N)";

    private FeedTable() {}

    /**
     * Prepares the stream of the events table (which {@link EventTable#prepare} made ready) and the feed table.
     *
     * @return the ARN of the events table's stream, which the indexer reads
     * @throws IllegalStateException when the stream or the feed table is missing (and not to be created) or does
     *     not fit
     * @throws dev.eventstream.api.EventStoreException when DynamoDB fails
     */
    static String prepare(DynamoDbClient client, DynamoDbConfig config) {
        return prepare(client, config, null);
    }

    /**
     * As {@link #prepare(DynamoDbClient, DynamoDbConfig)}, with the events table's description when the caller
     * has just read it (one DescribeTable fewer).
     */
    static String prepare(DynamoDbClient client, DynamoDbConfig config, @Nullable TableDescription eventsTable) {
        try {
            String streamArn = prepareStream(client, config, eventsTable);
            prepareFeedTable(client, config);
            return streamArn;
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "prepare the feed of table " + config.tableName());
        }
    }

    private static String prepareStream(DynamoDbClient client, DynamoDbConfig config,
            @Nullable TableDescription eventsTable) {
        String tableName = config.tableName();
        TableDescription events = eventsTable != null ? eventsTable : awaitActive(client, tableName)
                .orElseThrow(() -> new IllegalStateException("DynamoDB table '" + tableName + "' does not exist"));
        StreamSpecification stream = events.streamSpecification();
        boolean enabled = stream != null && Boolean.TRUE.equals(stream.streamEnabled());
        if (!enabled) {
            if (!config.createTable()) {
                throw new IllegalStateException("DynamoDB table '" + tableName + "' has no stream, but the feed ("
                        + "feedMode=" + config.feedMode() + ") is indexed from the events table's DynamoDB stream:"
                        + " enable a stream with view type " + StreamViewType.NEW_IMAGE + " on it, or set"
                        + " createTable=true");
            }
            client.updateTable(r -> r.tableName(tableName).streamSpecification(STREAM));
            // Events appended before this moment are not in the stream, so not in the feed.
            LOG.warn("Enabled a DynamoDB stream ({}) on table {} for the feed: events stored before now are not in"
                    + " the feed", StreamViewType.NEW_IMAGE, tableName);
            events = awaitActive(client, tableName).orElseThrow(() -> new IllegalStateException(
                    "DynamoDB table '" + tableName + "' disappeared while its stream was being enabled"));
        } else if (stream.streamViewType() != StreamViewType.NEW_IMAGE
                && stream.streamViewType() != StreamViewType.NEW_AND_OLD_IMAGES) {
            // Changing the view type means disabling the stream first, losing its records: an operator's decision.
            throw new IllegalStateException("DynamoDB table '" + tableName + "' has a stream with view type "
                    + stream.streamViewTypeAsString() + ", but the feed's indexer reads each new event from the"
                    + " stream's records, which need view type " + StreamViewType.NEW_IMAGE + " (or "
                    + StreamViewType.NEW_AND_OLD_IMAGES + "): disable the stream and enable it again with view"
                    + " type " + StreamViewType.NEW_IMAGE);
        }
        String arn = events.latestStreamArn();
        if (arn == null || arn.isEmpty()) {
            throw new IllegalStateException("DynamoDB table '" + tableName + "' has a stream enabled but reports no"
                    + " stream ARN");
        }
        return arn;
    }

    private static void prepareFeedTable(DynamoDbClient client, DynamoDbConfig config) {
        String feedTable = config.feedTableName();
        if (config.createTable()) {
            create(client, config);
        }
        TableDescription description = awaitActive(client, feedTable).orElseThrow(() -> new IllegalStateException(
                "DynamoDB table '" + feedTable + "', the feed table (feedTableName), does not exist: create it with "
                        + EXPECTED_KEYS + ", or set createTable=true"));
        verify(description);
    }

    private static void create(DynamoDbClient client, DynamoDbConfig config) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(config.feedTableName())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.N).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build());
        if (config.onDemand()) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(t -> t
                    .readCapacityUnits(config.readCapacityUnits())
                    .writeCapacityUnits(config.writeCapacityUnits()));
        }
        try {
            client.createTable(request.build());
            LOG.info("Created DynamoDB feed table {} ({})", config.feedTableName(), config.onDemand() ? "on-demand"
                    : "provisioned " + config.readCapacityUnits() + " RCU / " + config.writeCapacityUnits() + " WCU");
        } catch (ResourceInUseException exists) {
            // Already there, or being created by another process: checked like any existing table.
        }
    }

    /** Checks the feed table's keys, with a message saying what is wrong when they do not fit. */
    static void verify(TableDescription description) {
        Map<String, String> types = description.attributeDefinitions().stream()
                .collect(Collectors.toMap(AttributeDefinition::attributeName, a -> a.attributeTypeAsString()));
        String partition = keyName(description.keySchema(), KeyType.HASH);
        String sort = keyName(description.keySchema(), KeyType.RANGE);
        String keys = "partition key '" + partition + "' (" + types.get(partition) + ") and "
                + (sort == null ? "no sort key" : "sort key '" + sort + "' (" + types.get(sort) + ")");
        if (!keys.equals(EXPECTED_KEYS)) {
            throw new IllegalStateException("DynamoDB table '" + description.tableName() + "', the feed table"
                    + " (feedTableName), has " + keys + "; the feed needs " + EXPECTED_KEYS + ". Use another"
                    + " feedTableName, or let the store create the table (createTable=true)");
        }
    }

    private static @Nullable String keyName(List<KeySchemaElement> schema, KeyType type) {
        return schema.stream()
                .filter(k -> k.keyType() == type)
                .map(KeySchemaElement::attributeName)
                .findFirst()
                .orElse(null);
    }

    /** The table once it is active (empty when it does not exist), polling as {@link EventTable} does. */
    private static Optional<TableDescription> awaitActive(DynamoDbClient client, String tableName) {
        Instant deadline = Instant.now().plus(EventTable.ACTIVE_TIMEOUT);
        while (true) {
            TableDescription description;
            try {
                description = client.describeTable(r -> r.tableName(tableName)).table();
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
            if (description.tableStatus() == TableStatus.ACTIVE) {
                return Optional.of(description);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("DynamoDB table '" + tableName + "' is still "
                        + description.tableStatus() + " after " + EventTable.ACTIVE_TIMEOUT);
            }
            EventTable.sleep(EventTable.POLL_INTERVAL);
        }
    }
}
