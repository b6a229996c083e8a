package dev.eventstream.adapter.sqs;

import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.testkit.moto.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Topics on the shared moto server, each test with names of its own, and configs that reach them. */
final class MotoAws implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    final MotoServer moto = MotoServer.shared();
    final SnsClient sns = SnsClient.builder()
            .region(Region.of(REGION))
            .credentialsProvider(CREDENTIALS)
            .endpointOverride(moto.endpoint())
            .httpClientBuilder(Apache5HttpClient.builder())
            .build();
    final SqsClient sqs = SqsClient.builder()
            .region(Region.of(REGION))
            .credentialsProvider(CREDENTIALS)
            .endpointOverride(moto.endpoint())
            .httpClientBuilder(Apache5HttpClient.builder())
            .build();

    /** A new topic with a name no other test uses. */
    String createTopic(boolean fifo) {
        String name = "t-" + UUID.randomUUID() + (fifo ? ".fifo" : "");
        Map<String, String> attributes = fifo ? Map.of("FifoTopic", "true") : Map.of();
        return sns.createTopic(b -> b.name(name).attributes(attributes)).topicArn();
    }

    /** Subscription settings for tests: short polls and a short visibility timeout keep them quick. */
    SqsConfig.Builder sqsConfig(String topicArn) {
        return SqsConfig.builder(topicArn)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointUrl(moto.endpoint())
                .queueNamePrefix("test")
                .waitTime(Duration.ofSeconds(1))
                .visibilityTimeout(Duration.ofSeconds(1));
    }

    SnsConfig snsConfig(String topicArn) {
        return SnsConfig.builder(topicArn)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointUrl(moto.endpoint())
                .build();
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
