package dev.eventstream.adapter.sqs;

import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.testkit.moto.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Topics on the shared moto server, each test with names of its own, and configs that reach them. */
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

    /** Subscription settings for tests: short polls and a short visibility timeout keep them quick. */
    SqsConfig.Builder sqsConfig(String topicArn) {
        return SqsConfig.builder(topicArn)
                .clientSettings(EmulatorClients.settings(moto.endpoint()))
                .queueNamePrefix("test")
                .waitTime(Duration.ofSeconds(1))
                .visibilityTimeout(Duration.ofSeconds(1));
    }

    SnsConfig snsConfig(String topicArn) {
        return SnsConfig.builder(topicArn).clientSettings(EmulatorClients.settings(moto.endpoint())).build();
    }

    /** Waits, bounded, until the queue holds no message, visible or in flight; returns whether it got there. */
    boolean awaitDrained(String queueUrl) {
        Instant deadline = Instant.now().plus(Collector.PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            if ("0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))) {
                return true;
            }
            Collector.pause();
        }
        return false;
    }

    /** Waits, bounded, until a message of the queue is in flight (received, not yet deleted or back). */
    boolean awaitInFlight(String queueUrl) {
        Instant deadline = Instant.now().plus(Collector.PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            String inFlight = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
            if (!"0".equals(inFlight)) {
                return true;
            }
            Collector.pause();
        }
        return false;
    }

    /** Waits, bounded, until {@code poller} is blocked in a receive call; returns whether it got there. */
    boolean awaitLongPoll(Thread poller) {
        Instant deadline = Instant.now().plus(Collector.PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            boolean receiving = Arrays.stream(poller.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("receiveMessage"));
            if (receiving && poller.getState() == Thread.State.RUNNABLE) {
                return true;
            }
            Collector.pause();
        }
        return false;
    }

    /** Receives (and deletes) up to {@code count} messages, waiting up to 5 seconds for each receive. */
    List<Message> receive(String queueUrl, int count) {
        List<Message> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(Collector.PATIENCE);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(5).messageAttributeNames("All")).messages()) {
                received.add(message);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return received;
    }

    /**
     * Waits, bounded, until the dead-letter queue of the aggregation's subscriptions exists, then receives up to
     * {@code count} messages from it.
     */
    List<Message> awaitDeadLetters(String aggregation, SqsConfig config, int count) {
        String name = QueueSubscription.queueName(config, aggregation, "undelivered_notifications");
        Instant deadline = Instant.now().plus(Collector.PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            List<String> urls = sqs.listQueues(b -> b.queueNamePrefix(name)).queueUrls();
            if (!urls.isEmpty()) {
                return receive(urls.get(0), count);
            }
            Collector.pause();
        }
        return List.of();
    }

    @Override
    public void close() {
        sns.close();
        sqs.close();
    }
}
