package dev.eventstream.adapter.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Records every DynamoDB request a client sends: the operation, whether it succeeded, the capacity the engine
 * reports (it asks for {@code ReturnConsumedCapacity=TOTAL} on the way out) and the capacity DynamoDB would charge
 * by its published rules, worked out from the items' sizes.
 */
final class RequestLog implements ExecutionInterceptor {
    /**
     * One request.
     *
     * @param reportedCapacity what the engine said it consumed; null when it said nothing
     * @param rulesCapacity what DynamoDB charges for it: writes 1 WCU per KB of each item (twice in a transaction,
     *     also when a condition fails) plus 1 per index entry written, strongly consistent reads 1 RCU per 4 KB of
     *     the items read together (half for eventually consistent ones, at least one unit per request)
     * @param table the table written or read; null for requests naming none or several
     * @param partition the partition key ({@code pk}) of the item written (the first one of a transaction or
     *     batch); null for reads and requests naming no item
     */
    record Request(String operation, boolean succeeded, @Nullable Double reportedCapacity, double rulesCapacity,
            int itemsRead, @Nullable String table, @Nullable String partition) {}

    private final List<Request> requests = new ArrayList<>();

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }

    synchronized long count(Predicate<Request> filter) {
        return requests.stream().filter(filter).count();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof TransactWriteItemsRequest transaction) {
            return transaction.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), context.response(), attributes, true);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), context.response().orElse(null), attributes, false);
    }

    private synchronized void record(SdkRequest request, @Nullable SdkResponse response, ExecutionAttributes attributes,
            boolean succeeded) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        int itemsRead = response instanceof QueryResponse query ? query.count()
                : response instanceof GetItemResponse get && get.hasItem() ? 1
                : response instanceof BatchGetItemResponse batch
                        ? batch.responses().values().stream().mapToInt(List::size).sum() : 0;
        requests.add(new Request(operation, succeeded, reported(response), rulesCapacity(request, response),
                itemsRead, table(request), partition(request)));
    }

    private static @Nullable String table(SdkRequest request) {
        return request.getValueForField("TableName", String.class)
                .or(() -> request instanceof TransactWriteItemsRequest transaction
                        && !transaction.transactItems().isEmpty() && transaction.transactItems().get(0).put() != null
                        ? Optional.of(transaction.transactItems().get(0).put().tableName())
                        : Optional.empty())
                .or(() -> request instanceof BatchWriteItemRequest batch && batch.requestItems().size() == 1
                        ? Optional.of(batch.requestItems().keySet().iterator().next())
                        : Optional.empty())
                .orElse(null);
    }

    private static @Nullable String partition(SdkRequest request) {
        Map<String, AttributeValue> item = null;
        if (request instanceof PutItemRequest put) {
            item = put.item();
        } else if (request instanceof UpdateItemRequest update) {
            item = update.key();
        } else if (request instanceof DeleteItemRequest delete) {
            item = delete.key();
        } else if (request instanceof TransactWriteItemsRequest transaction && !transaction.transactItems().isEmpty()
                && transaction.transactItems().get(0).put() != null) {
            item = transaction.transactItems().get(0).put().item();
        } else if (request instanceof BatchWriteItemRequest batch && !batch.requestItems().isEmpty()) {
            WriteRequest first = batch.requestItems().values().iterator().next().get(0);
            item = first.putRequest() != null ? first.putRequest().item() : first.deleteRequest().key();
        }
        AttributeValue pk = item == null ? null : item.get(EventItem.PK);
        return pk == null ? null : pk.s();
    }

    private static @Nullable Double reported(@Nullable SdkResponse response) {
        if (response instanceof PutItemResponse put && put.consumedCapacity() != null) {
            return put.consumedCapacity().capacityUnits();
        }
        if (response instanceof QueryResponse query && query.consumedCapacity() != null) {
            return query.consumedCapacity().capacityUnits();
        }
        if (response instanceof GetItemResponse get && get.consumedCapacity() != null) {
            return get.consumedCapacity().capacityUnits();
        }
        if (response instanceof TransactWriteItemsResponse transaction && transaction.hasConsumedCapacity()
                && !transaction.consumedCapacity().isEmpty()) {
            return transaction.consumedCapacity().stream().mapToDouble(ConsumedCapacity::capacityUnits).sum();
        }
        return null;
    }

    private static double rulesCapacity(SdkRequest request, @Nullable SdkResponse response) {
        if (request instanceof PutItemRequest put) {
            return writeUnits(put.item()) + indexEntries(put.item());
        }
        if (request instanceof TransactWriteItemsRequest transaction) {
            return transaction.transactItems().stream()
                    .map(TransactWriteItem::put)
                    .mapToDouble(put -> 2 * writeUnits(put.item()) + indexEntries(put.item()))
                    .sum();
        }
        if (request instanceof UpdateItemRequest update) {
            AttributeValue pk = update.key().get(EventItem.PK);
            if (pk != null && pk.s() != null && pk.s().startsWith(DynamoDbCheckpoints.PREFIX)) {
                // A consumer's checkpoint in the feed table: one small item, no index.
                return 1;
            }
            // Taking an event out of the pending index: the item (counted as 1 KB at least) and the index entry.
            return 1 + 1;
        }
        if (request instanceof DeleteItemRequest) {
            // The items deleted (leases, parked entries) are far under 1 KB and in no index.
            return 1;
        }
        if (request instanceof BatchWriteItemRequest batch) {
            return batch.requestItems().values().stream().flatMap(List::stream)
                    .mapToDouble(write -> write.putRequest() != null
                            ? writeUnits(write.putRequest().item()) + indexEntries(write.putRequest().item()) : 1)
                    .sum();
        }
        if (request instanceof BatchGetItemRequest && response instanceof BatchGetItemResponse batch) {
            // Strongly consistent, charged per item.
            return batch.responses().values().stream().flatMap(List::stream)
                    .mapToDouble(item -> Math.ceil(ItemSize.of(item) / 4096.0))
                    .sum();
        }
        boolean consistent;
        long bytes;
        if (request instanceof QueryRequest query) {
            consistent = Boolean.TRUE.equals(query.consistentRead());
            bytes = response instanceof QueryResponse result
                    ? result.items().stream().mapToLong(ItemSize::of).sum() : 0;
        } else if (request instanceof GetItemRequest get) {
            consistent = Boolean.TRUE.equals(get.consistentRead());
            bytes = response instanceof GetItemResponse result && result.hasItem() ? ItemSize.of(result.item()) : 0;
        } else {
            return 0;
        }
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    private static double writeUnits(Map<String, AttributeValue> item) {
        return Math.ceil(ItemSize.of(item) / 1024.0);
    }

    /** Writes to the keys-only indexes the item enters: 1 WCU each, their entries being under 1 KB. */
    private static double indexEntries(Map<String, AttributeValue> item) {
        return (item.containsKey(EventItem.LIST_PK) ? 1 : 0) + (item.containsKey(EventItem.PENDING_PK) ? 1 : 0);
    }
}
