package dev.eventstream.adapter.dynamodb;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The tables a DynamoDB request is about, by name, for the telemetry. */
final class TableNames {
    /** What comes before the name in a table's ARN ({@code arn:aws:dynamodb:us-east-1:123456789012:table/events}). */
    private static final String ARN_TABLE = ":table/";

    private TableNames() {}

    /** The tables {@code request} reads or writes, each once, in the request's order; empty when it names none. */
    static List<String> of(SdkRequest request) {
        Set<String> tables = new LinkedHashSet<>();
        if (request instanceof TransactWriteItemsRequest write) {
            for (TransactWriteItem item : write.transactItems()) {
                add(tables, item.put() != null ? item.put().tableName()
                        : item.update() != null ? item.update().tableName()
                        : item.delete() != null ? item.delete().tableName()
                        : item.conditionCheck() != null ? item.conditionCheck().tableName() : null);
            }
        } else if (request instanceof TransactGetItemsRequest read) {
            for (TransactGetItem item : read.transactItems()) {
                add(tables, item.get() != null ? item.get().tableName() : null);
            }
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().keySet().forEach(table -> add(tables, table));
        } else if (request instanceof BatchGetItemRequest batch) {
            batch.requestItems().keySet().forEach(table -> add(tables, table));
        } else {
            add(tables, request.getValueForField("TableName", String.class).orElse(null));
        }
        return List.copyOf(tables);
    }

    /** The table's name, where DynamoDB also takes its ARN in place of the name. */
    static String name(String nameOrArn) {
        int start = nameOrArn.indexOf(ARN_TABLE);
        if (!nameOrArn.startsWith("arn:") || start < 0) {
            return nameOrArn;
        }
        String rest = nameOrArn.substring(start + ARN_TABLE.length());
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static void add(Set<String> tables, @Nullable String table) {
        if (table != null && !table.isEmpty()) {
            tables.add(name(table));
        }
    }
}
