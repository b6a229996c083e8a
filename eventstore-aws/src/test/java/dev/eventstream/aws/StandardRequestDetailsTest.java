package dev.eventstream.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.UnsubscribeRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

class StandardRequestDetailsTest {
    private final RequestDetails details = RequestDetails.standard();

    @Test
    void anSnsRequestIsAboutTheTopicItsArnNames() {
        assertThat(details.resources(PublishRequest.builder()
                .topicArn("arn:aws:sns:eu-west-1:123456789012:orders").build())).containsExactly("orders");
        assertThat(details.resources(PublishBatchRequest.builder()
                .topicArn("arn:aws:sns:eu-west-1:123456789012:orders.fifo").build())).containsExactly("orders.fifo");
        assertThat(details.resources(UnsubscribeRequest.builder()
                .subscriptionArn("arn:aws:sns:eu-west-1:123456789012:orders:5b4c1a3e-9d3f-4c52-8f0e-0c2d1d5f6a7b")
                .build())).containsExactly("orders");
    }

    @Test
    void anSqsRequestIsAboutTheQueueItsUrlOrNameNames() {
        assertThat(details.resources(ReceiveMessageRequest.builder()
                .queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/eventstream-orders-1a2b3c4d-g1.fifo")
                .build())).containsExactly("eventstream-orders-1a2b3c4d-g1.fifo");
        assertThat(details.resources(CreateQueueRequest.builder().queueName("eventstream-orders-1a2b3c4d-g1")
                .build())).containsExactly("eventstream-orders-1a2b3c4d-g1");
    }

    @Test
    void aStreamsRequestIsAboutTheTableWhoseStreamItReads() {
        assertThat(details.resources(GetShardIteratorRequest.builder()
                .streamArn("arn:aws:dynamodb:eu-west-1:123456789012:table/events/stream/2024-05-01T10:15:30.123")
                .shardId("shardId-1").build())).containsExactly("events");
    }

    @Test
    void otherRequestsAreAboutNothingItKnows() {
        assertThat(details.resources(PutItemRequest.builder().tableName("events").build())).isEmpty();
        assertThat(details.resources(PublishRequest.builder().phoneNumber("+15550100").build())).isEmpty();
    }
}
