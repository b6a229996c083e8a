package dev.eventstream.adapter.sns;

import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.testkit.moto.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Topics and queues on the shared moto server, each test with names of its own. */
final class MotoAws implements AutoCloseable {
    final MotoServer moto = MotoServer.shared();
    final SnsClient sns = EmulatorClients.client(SnsClient.builder(), moto.endpoint());
    final SqsClient sqs = EmulatorClients.client(SqsClient.builder(), moto.endpoint());

    /** A new topic with a name no other test uses. */
    String createTopic(boolean fifo) {
        String name = "t-" + UUID.randomUUID() + (fifo ? ".fifo" : "");
        Map<String, String> attributes = fifo ? Map.of("FifoTopic", "true") : Map.of();
        return sns.createTopic(b -> b.name(name).attributes(attributes)).topicArn();
    }

    /** A new queue subscribed to {@code topicArn} with raw message delivery; returns the queue URL. */
    String subscribedQueue(String topicArn) {
        return subscribedQueue(topicArn, Map.of());
    }

    /** A new queue subscribed as {@link #subscribedQueue(String)} does, with {@code filterPolicy} on attributes. */
    String subscribedQueue(String topicArn, String filterPolicy) {
        return subscribedQueue(topicArn, Map.of("FilterPolicy", filterPolicy));
    }

    private String subscribedQueue(String topicArn, Map<String, String> subscriptionAttributes) {
        boolean fifo = topicArn.endsWith(".fifo");
        String name = "q-" + UUID.randomUUID() + (fifo ? ".fifo" : "");
        Map<QueueAttributeName, String> attributes = fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
        String queueUrl = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> subscription = new HashMap<>(subscriptionAttributes);
        subscription.put("RawMessageDelivery", "true");
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(subscription));
        return queueUrl;
    }

    SnsConfig config(String topicArn) {
        return SnsConfig.builder(topicArn).clientSettings(EmulatorClients.settings(moto.endpoint())).build();
    }

    /** Receives and deletes messages until {@code count} arrived or {@code timeout} passed. */
    List<Message> receive(String queueUrl, int count, Duration timeout) {
        List<Message> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            for (Message message : batch) {
                received.add(message);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return received;
    }

    @Override
    public void close() {
        sns.close();
        sqs.close();
    }
}
