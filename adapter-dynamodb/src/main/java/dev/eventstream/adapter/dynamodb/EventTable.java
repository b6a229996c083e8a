package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.adapter.dynamodb.EventItem.EXP;
import static dev.eventstream.adapter.dynamodb.EventItem.LISTING_INDEX;
import static dev.eventstream.adapter.dynamodb.EventItem.LIST_PK;
import static dev.eventstream.adapter.dynamodb.EventItem.LIST_SK;
import static dev.eventstream.adapter.dynamodb.EventItem.PENDING_INDEX;
import static dev.eventstream.adapter.dynamodb.EventItem.PENDING_PK;
import static dev.eventstream.adapter.dynamodb.EventItem.PENDING_SK;
import static dev.eventstream.adapter.dynamodb.EventItem.PK;
import static dev.eventstream.adapter.dynamodb.EventItem.SEQ;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Makes sure the events table is there and fits before the store uses it: creates it when asked (keys, listing
 * and pending indexes, billing mode, TTL), waits until it is active, and checks the keys and indexes of a table it
 * did not create.
 */
final class EventTable {
    private static final Logger LOG = LoggerFactory.getLogger(EventTable.class);

    /**
     * Fixed and short: a new table is usually active within seconds (at once on emulators). The SDK's table-exists
     * waiter would sleep 20 s between polls.
     */
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);

    private static final String EXPECTED_KEYS = "partition key '" + PK + "' (S) and sort key '" + SEQ + "' (N)";

    /** A global secondary index the store needs: string partition key, binary sort key, keys only. */
    private record ExpectedIndex(String name, String partitionKey, String sortKey, String purpose) {
        @Override
        public String toString() {
            return "global secondary index '" + name + "' with partition key '" + partitionKey + "' (S) and sort key '"
                    + sortKey + "' (B)";
        }
    }

    private static final List<ExpectedIndex> INDEXES = List.of(
            new ExpectedIndex(LISTING_INDEX, LIST_PK, LIST_SK,
                    "lists aggregations and streams without scanning the table"),
            new ExpectedIndex(PENDING_INDEX, PENDING_PK, PENDING_SK, "finds the events whose publication is pending"));

    private EventTable() {}

    /**
     * @return the table's description, active
     * @throws IllegalStateException when the table is missing (and not to be created) or does not fit
     * @throws dev.eventstream.api.EventStoreException when DynamoDB fails
     */
    static TableDescription prepare(DynamoDbClient client, DynamoDbTable<EventItem> table, DynamoDbConfig config) {
        try {
            if (config.createTable()) {
                create(table, config);
            }
            TableDescription description = awaitActive(table, config.tableName());
            verify(description);
            if (config.ttl() != null) {
                prepareTtl(client, config);
            }
            return description;
        } catch (SdkException e) {
            throw DynamoDbExceptions.translate(e, "prepare table " + config.tableName());
        }
    }

    private static void create(DynamoDbTable<EventItem> table, DynamoDbConfig config) {
        ProvisionedThroughput throughput = config.onDemand() ? null : ProvisionedThroughput.builder()
                .readCapacityUnits(config.readCapacityUnits())
                .writeCapacityUnits(config.writeCapacityUnits())
                .build();
        List<EnhancedGlobalSecondaryIndex> indexes = INDEXES.stream()
                .map(index -> {
                    EnhancedGlobalSecondaryIndex.Builder builder = EnhancedGlobalSecondaryIndex.builder()
                            .indexName(index.name())
                            // The store reads only keys from its indexes.
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY));
                    return (throughput == null ? builder : builder.provisionedThroughput(throughput)).build();
                })
                .toList();
        try {
            // Without provisioned throughput the Enhanced Client creates the table with on-demand billing.
            table.createTable(request -> {
                request.globalSecondaryIndices(indexes);
                if (config.feedEnabled()) {
                    // The feed is indexed from the stream; FeedTable enables it on a table created without.
                    request.streamSpecification(FeedTable.STREAM);
                }
                if (throughput != null) {
                    request.provisionedThroughput(throughput);
                }
            });
            LOG.info("Created DynamoDB table {} ({})", config.tableName(),
                    throughput == null ? "on-demand" : "provisioned " + throughput.readCapacityUnits() + " RCU / "
                            + throughput.writeCapacityUnits() + " WCU");
        } catch (ResourceInUseException exists) {
            // Already there, or being created by another process: checked like any existing table.
        }
    }

    private static TableDescription awaitActive(DynamoDbTable<EventItem> table, String tableName) {
        Instant deadline = Instant.now().plus(ACTIVE_TIMEOUT);
        while (true) {
            TableDescription description = describe(table).orElseThrow(() -> new IllegalStateException(
                    "DynamoDB table '" + tableName + "' does not exist: create it with " + EXPECTED_KEYS + " and a "
                            + INDEXES.get(0) + " and a " + INDEXES.get(1) + ", or set createTable=true"));
            if (isActive(description)) {
                return description;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("DynamoDB table '" + tableName + "' is still "
                        + description.tableStatus() + " after " + ACTIVE_TIMEOUT);
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static Optional<TableDescription> describe(DynamoDbTable<EventItem> table) {
        try {
            return Optional.of(table.describeTable().table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean isActive(TableDescription description) {
        return description.tableStatus() == TableStatus.ACTIVE
                && description.globalSecondaryIndexes().stream()
                        .allMatch(index -> index.indexStatus() == null || index.indexStatus() == IndexStatus.ACTIVE);
    }

    /** Checks that a table fits this store, with a message saying what is wrong when it does not. */
    static void verify(TableDescription description) {
        String table = "DynamoDB table '" + description.tableName() + "'";
        Map<String, String> types = description.attributeDefinitions().stream()
                .collect(Collectors.toMap(AttributeDefinition::attributeName, a -> a.attributeTypeAsString()));
        String keys = describeKeys(description.keySchema(), types);
        if (!keys.equals(describeKeys(PK, SEQ, "S", "N"))) {
            throw new IllegalStateException(table + " has " + keys + "; this event store needs " + EXPECTED_KEYS
                    + ". Use another tableName, or let the store create the table (createTable=true)");
        }
        for (ExpectedIndex expected : INDEXES) {
            GlobalSecondaryIndexDescription index = description.globalSecondaryIndexes().stream()
                    .filter(i -> i.indexName().equals(expected.name()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            table + " has no " + expected + ", which " + expected.purpose()));
            String indexKeys = describeKeys(index.keySchema(), types);
            if (!indexKeys.equals(describeKeys(expected.partitionKey(), expected.sortKey(), "S", "B"))) {
                throw new IllegalStateException(table + " has index '" + expected.name() + "' with " + indexKeys
                        + "; this event store needs a " + expected);
            }
        }
    }

    private static String describeKeys(List<KeySchemaElement> schema, Map<String, String> types) {
        Function<KeyType, @Nullable String> name = type -> schema.stream()
                .filter(k -> k.keyType() == type)
                .map(KeySchemaElement::attributeName)
                .findFirst()
                .orElse(null);
        String partition = name.apply(KeyType.HASH);
        String sort = name.apply(KeyType.RANGE);
        if (sort == null) {
            return "partition key '" + partition + "' (" + types.get(partition) + ") and no sort key";
        }
        return describeKeys(partition, sort, types.get(partition), types.get(sort));
    }

    private static String describeKeys(@Nullable String partition, String sort, @Nullable String partitionType,
            @Nullable String sortType) {
        return "partition key '" + partition + "' (" + partitionType + ") and sort key '" + sort + "' (" + sortType
                + ")";
    }

    /**
     * Enables TTL on the expiry attribute when the store manages the table; on a table it does not manage, only
     * warns, since events would then never expire. The TTL operations exist only on the low-level client.
     */
    private static void prepareTtl(DynamoDbClient client, DynamoDbConfig config) {
        TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(config.tableName()))
                .timeToLiveDescription();
        TimeToLiveStatus status = ttl == null ? TimeToLiveStatus.DISABLED : ttl.timeToLiveStatus();
        boolean onOurAttribute = ttl != null && EXP.equals(ttl.attributeName());
        if ((status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) && onOurAttribute) {
            return;
        }
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            throw new IllegalStateException("DynamoDB table '" + config.tableName() + "' has TTL on attribute '"
                    + ttl.attributeName() + "', but this event store writes the expiry of events to '" + EXP
                    + "': events would never expire. Disable that TTL or use another table");
        }
        if (!config.createTable()) {
            LOG.warn("DynamoDB table '{}' does not have TTL enabled on attribute '{}': events get an expiry, but"
                    + " DynamoDB will not delete them until TTL is enabled (or set createTable=true)",
                    config.tableName(), EXP);
            return;
        }
        client.updateTimeToLive(r -> r.tableName(config.tableName())
                .timeToLiveSpecification(s -> s.enabled(true).attributeName(EXP)));
        LOG.info("Enabled TTL on attribute '{}' of DynamoDB table {}", EXP, config.tableName());
    }

    /** Waits between two polls of a table's status; an interrupt ends the wait with an error. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a DynamoDB table to become active", e);
        }
    }
}
