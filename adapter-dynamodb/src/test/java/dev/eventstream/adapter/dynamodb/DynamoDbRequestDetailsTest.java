package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoDbRequestDetailsTest {
    private final DynamoDbRequestDetails details = DynamoDbRequestDetails.INSTANCE;

    static Stream<SdkRequest> itemRequests() {
        return Stream.of(PutItemRequest.builder().tableName("events").build(),
                UpdateItemRequest.builder().tableName("events").build(),
                DeleteItemRequest.builder().tableName("events").build(),
                GetItemRequest.builder().tableName("events").build(),
                QueryRequest.builder().tableName("events").build(),
                ScanRequest.builder().tableName("events").build(),
                TransactWriteItemsRequest.builder().build(),
                TransactGetItemsRequest.builder().build(),
                BatchWriteItemRequest.builder().build(),
                BatchGetItemRequest.builder().build());
    }

    @ParameterizedTest
    @MethodSource("itemRequests")
    void everyItemRequestAsksForItsTotalCapacity(SdkRequest request) {
        SdkRequest modified = details.modify(request);

        assertThat(modified.getValueForField("ReturnConsumedCapacity", String.class)).contains("TOTAL");
        assertThat(modified.getClass()).isEqualTo(request.getClass());
    }

    @Test
    void aRequestThatAsksForSomethingElseKeepsIt() {
        PutItemRequest none = PutItemRequest.builder().tableName("events")
                .returnConsumedCapacity(ReturnConsumedCapacity.NONE).build();
        QueryRequest indexes = QueryRequest.builder().tableName("events")
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();

        assertThat(details.modify(none)).isSameAs(none);
        assertThat(details.modify(indexes)).isSameAs(indexes);
    }

    @Test
    void aRequestWithoutCapacityIsSentAsItIs() {
        DescribeTableRequest describe = DescribeTableRequest.builder().tableName("events").build();

        assertThat(details.modify(describe)).isSameAs(describe);
        assertThat(details.resources(describe)).containsExactly("events");
    }

    @Test
    void theTablesOfTransactionsAndBatchesAreEachNamedOnceInOrder() {
        TransactWriteItemsRequest write = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("events")).build(),
                TransactWriteItem.builder().update(u -> u.tableName("events-feed")).build(),
                TransactWriteItem.builder().put(p -> p.tableName("events")).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("other")).build()).build();
        TransactGetItemsRequest read = TransactGetItemsRequest.builder().transactItems(
                TransactGetItem.builder().get(g -> g.tableName("events")).build()).build();
        BatchGetItemRequest batch = BatchGetItemRequest.builder()
                .requestItems(Map.of("events-feed", KeysAndAttributes.builder().keys(Map.of()).build())).build();

        assertThat(details.resources(write)).containsExactly("events", "events-feed", "other");
        assertThat(details.resources(read)).containsExactly("events");
        assertThat(details.resources(batch)).containsExactly("events-feed");
    }

    @Test
    void aTableGivenByItsArnIsNamed() {
        PutItemRequest put = PutItemRequest.builder()
                .tableName("arn:aws:dynamodb:eu-west-1:123456789012:table/events").build();

        assertThat(details.resources(put)).containsExactly("events");
    }

    @Test
    void theCapacityOfAnItemRequestIsItsTables() {
        PutItemRequest put = PutItemRequest.builder().tableName("events").build();
        PutItemResponse response = PutItemResponse.builder()
                .consumedCapacity(c -> c.tableName("events").capacityUnits(2.0)).build();

        assertThat(details.consumedCapacity(put, response)).containsExactly(2.0);
        assertThat(details.consumedCapacity(put, PutItemResponse.builder().build())).isEmpty();
    }

    @Test
    void theCapacityOfATransactionIsGivenPerTableInTheOrderOfTheRequest() {
        TransactWriteItemsRequest write = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("events")).build(),
                TransactWriteItem.builder().put(p -> p.tableName("events-feed")).build()).build();
        TransactWriteItemsResponse response = TransactWriteItemsResponse.builder().consumedCapacity(
                ConsumedCapacity.builder().tableName("events-feed").capacityUnits(2.0).build(),
                ConsumedCapacity.builder().tableName("events").capacityUnits(4.0).build()).build();

        assertThat(details.consumedCapacity(write, response)).containsExactly(4.0, 2.0);
    }

    @Test
    void aBatchThatReportsOnlySomeTablesGivesTheOthersNothing() {
        BatchWriteItemRequest batch = BatchWriteItemRequest.builder().requestItems(Map.of(
                "events", List.of(WriteRequest.builder().build()))).build();
        BatchWriteItemResponse response = BatchWriteItemResponse.builder().consumedCapacity(
                ConsumedCapacity.builder().tableName("elsewhere").writeCapacityUnits(1.0).build()).build();

        assertThat(details.consumedCapacity(batch, response)).containsExactly(0.0);
        assertThat(details.consumedCapacity(QueryRequest.builder().tableName("events").build(),
                QueryResponse.builder().consumedCapacity(c -> c.tableName("events").readCapacityUnits(0.5)
                        .writeCapacityUnits(0.0)).build())).containsExactly(0.5);
    }

    @Test
    void aThrottlingSaysWhatRanOutWhereDynamoDbTellsIt() {
        ProvisionedThroughputExceededException throttled = ProvisionedThroughputExceededException.builder()
                .throttlingReasons(ThrottlingReason.builder().reason("TableWriteProvisionedThroughputExceeded")
                        .resource("arn:aws:dynamodb:eu-west-1:123456789012:table/events").build())
                .build();
        TransactionCanceledException cancelled = TransactionCanceledException.builder().cancellationReasons(
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("ThrottlingError").build()).build();
        TransactionCanceledException conflict = TransactionCanceledException.builder().cancellationReasons(
                CancellationReason.builder().code("ConditionalCheckFailed").build()).build();

        assertThat(details.throttleReason(throttled)).isEqualTo("TableWriteProvisionedThroughputExceeded");
        assertThat(details.throttleReason(cancelled)).isEqualTo("ThrottlingError");
        assertThat(details.throttleReason(conflict)).isNull();
        assertThat(details.throttleReason(ProvisionedThroughputExceededException.builder().build())).isNull();
        assertThat(details.throttleReason(ConditionalCheckFailedException.builder().build())).isNull();
    }
}
