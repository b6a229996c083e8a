package dev.eventstream.adapter.sqs;

import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.testkit.moto.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
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

    @Override
    public void close() {
        sns.close();
        sqs.close();
    }
}
