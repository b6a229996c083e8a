package dev.eventstream.aws.testing.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.UnsubscribeRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

class PermissionsTest {
    private static final String TABLE = "arn:aws:dynamodb:eu-west-1:000000000000:table/events";
    private static final Map<String, AttributeValue> ITEM = Map.of("pk", AttributeValue.fromS("a"));

    @Test
    void anItemOperationNeedsItsActionOnTheTable() {
        assertThat(Permissions.of("DynamoDb", "PutItem",
                PutItemRequest.builder().tableName("events").item(ITEM).build(), "eu-west-1"))
                .containsExactly(new Permission("dynamodb:PutItem", TABLE));
    }

    @Test
    void aQueryOfAnIndexNeedsTheIndex() {
        assertThat(Permissions.of("DynamoDb", "Query",
                QueryRequest.builder().tableName("events").indexName("pending").build(), "eu-west-1"))
                .containsExactly(new Permission("dynamodb:Query", TABLE + "/index/pending"));
    }

    @Test
    void aTransactionNeedsTheActionsOfItsParts() {
        // given
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(
                        t -> t.put(p -> p.tableName("events").item(ITEM)),
                        t -> t.conditionCheck(c -> c.tableName("other").key(ITEM).conditionExpression("x")))
                .build();

        // then: there is no action for the transaction itself
        assertThat(Permissions.of("DynamoDb", "TransactWriteItems", request, "eu-west-1")).containsExactly(
                new Permission("dynamodb:PutItem", TABLE),
                new Permission("dynamodb:ConditionCheckItem",
                        "arn:aws:dynamodb:eu-west-1:000000000000:table/other"));
    }

    @Test
    void aBatchReadNeedsBatchGetItemOnEveryTableItReads() {
        BatchGetItemRequest request = BatchGetItemRequest.builder()
                .requestItems(Map.of("events", KeysAndAttributes.builder().keys(ITEM).build()))
                .build();
        assertThat(Permissions.of("DynamoDb", "BatchGetItem", request, "eu-west-1"))
                .containsExactly(new Permission("dynamodb:BatchGetItem", TABLE));
    }

    @Test
    void aBatchPublishNeedsPublishOnTheTopic() {
        PublishBatchRequest request = PublishBatchRequest.builder().topicArn("arn:aws:sns:eu-west-1:1:t").build();
        assertThat(Permissions.of("Sns", "PublishBatch", request, "eu-west-1"))
                .containsExactly(new Permission("sns:Publish", "arn:aws:sns:eu-west-1:1:t"));
    }

    @Test
    void unsubscribingNamesTheSubscription() {
        UnsubscribeRequest request =
                UnsubscribeRequest.builder().subscriptionArn("arn:aws:sns:eu-west-1:1:t:42").build();
        assertThat(Permissions.of("Sns", "Unsubscribe", request, "eu-west-1"))
                .containsExactly(new Permission("sns:Unsubscribe", "arn:aws:sns:eu-west-1:1:t:42"));
    }

    @Test
    void aQueueIsNamedByTheArnOfItsUrlOrName() {
        ReceiveMessageRequest receive = ReceiveMessageRequest.builder()
                .queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/eventstream-orders-1").build();
        assertThat(Permissions.of("Sqs", "ReceiveMessage", receive, "eu-west-1"))
                .containsExactly(new Permission("sqs:ReceiveMessage",
                        "arn:aws:sqs:eu-west-1:123456789012:eventstream-orders-1"));
        assertThat(Permissions.of("Sqs", "CreateQueue",
                CreateQueueRequest.builder().queueName("eventstream-orders-1").build(), "eu-west-1"))
                .containsExactly(new Permission("sqs:CreateQueue",
                        "arn:aws:sqs:eu-west-1:000000000000:eventstream-orders-1"));
    }

    @Test
    void aBatchOfMessagesNeedsTheActionOfOneMessage() {
        DeleteMessageBatchRequest request = DeleteMessageBatchRequest.builder()
                .queueUrl("http://127.0.0.1:5000/123456789012/q").build();
        assertThat(Permissions.of("Sqs", "DeleteMessageBatch", request, "us-east-1"))
                .containsExactly(new Permission("sqs:DeleteMessage", "arn:aws:sqs:us-east-1:123456789012:q"));
    }

    @Test
    void anOperationOfAnotherServiceNeedsTheActionNamedAfterIt() {
        assertThat(Permissions.of("Kinesis", "PutRecord", ReceiveMessageRequest.builder().build(), "us-east-1"))
                .containsExactly(new Permission("kinesis:PutRecord", null));
    }
}
