package dev.eventstream.adapter.dynamodb;

import static software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.TOTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB's consumed capacity, for the telemetry: asked for on every item request ({@code ReturnConsumedCapacity}
 * {@code TOTAL}: the response then says what the request cost, at no cost of its own), and read from the response.
 *
 * <p>A write whose condition fails consumes write units too, but DynamoDB answers it with an error that carries no
 * capacity ({@code ConditionalCheckFailedException} and {@code TransactionCanceledException} have none in the
 * SDK's model, with or without {@code ReturnValuesOnConditionCheckFailure}): such requests are reported without
 * capacity, so the counted capacity falls short of the bill by the failed writes.
 */
final class CapacityReports {
    private CapacityReports() {}

    /** {@code request} asking for its total consumed capacity, unless it is no item request or asks already. */
    static SdkRequest askedForTotal(SdkRequest request) {
        if (request instanceof PutItemRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof QueryRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof GetItemRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof UpdateItemRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof DeleteItemRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof TransactWriteItemsRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof ScanRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof BatchGetItemRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof BatchWriteItemRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        if (request instanceof TransactGetItemsRequest r) {
            return ask(r, r.returnConsumedCapacityAsString(), () -> r.toBuilder().returnConsumedCapacity(TOTAL));
        }
        return request;
    }

    /** What the caller asked for stands, {@code NONE} included. */
    private static SdkRequest ask(SdkRequest request, @Nullable String asked,
            Supplier<? extends SdkRequest.Builder> withTotal) {
        return asked != null ? request : withTotal.get().build();
    }

    /**
     * The capacity units {@code response} reports, one per table of {@code tables} in its order (0 for a table it
     * reports nothing for); empty when it reports none. Item responses report one {@code ConsumedCapacity}, batch
     * and transaction responses one per table: both sit in the field {@code ConsumedCapacity}.
     */
    static List<Double> reported(SdkResponse response, List<String> tables) {
        Optional<Object> field = response.getValueForField("ConsumedCapacity", Object.class);
        if (field.isEmpty()) {
            return List.of();
        }
        List<ConsumedCapacity> reports = new ArrayList<>();
        if (field.get() instanceof ConsumedCapacity single) {
            reports.add(single);
        } else if (field.get() instanceof List<?> list) {
            list.stream().filter(ConsumedCapacity.class::isInstance).map(ConsumedCapacity.class::cast)
                    .forEach(reports::add);
        }
        if (reports.isEmpty()) {
            return List.of();
        }
        List<Double> perTable = new ArrayList<>(tables.size());
        for (String table : tables) {
            // A report naming no table can only be about the request's one table.
            perTable.add(reports.stream()
                    .filter(report -> report.tableName() == null ? tables.size() == 1
                            : table.equals(TableNames.name(report.tableName())))
                    .mapToDouble(CapacityReports::units)
                    .sum());
        }
        return perTable;
    }

    private static double units(ConsumedCapacity report) {
        if (report.capacityUnits() != null) {
            return report.capacityUnits();
        }
        double read = report.readCapacityUnits() != null ? report.readCapacityUnits() : 0;
        double write = report.writeCapacityUnits() != null ? report.writeCapacityUnits() : 0;
        return read + write;
    }
}
