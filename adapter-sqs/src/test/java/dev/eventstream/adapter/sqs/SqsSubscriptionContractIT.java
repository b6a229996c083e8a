package dev.eventstream.adapter.sqs;

import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.SubscriptionSource;
import dev.eventstream.testkit.SubscriptionSourceContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

/**
 * The subscription contract over SNS and SQS on moto, each test on a topic of its own. The topic is a FIFO topic:
 * the contract asks for per-stream order, which only FIFO topics and queues keep. Subscriptions give an event up
 * after 2 failed deliveries, because the contract wants a subscriber that always throws to go on receiving the
 * later events of its stream; with the default (never give up) the failed event would hold them back.
 */
class SqsSubscriptionContractIT extends SubscriptionSourceContract {
    private final MotoAws aws = new MotoAws();
    private @Nullable EventPersistence persistence;
    private @Nullable String topicArn;

    @Override
    protected EventPersistence createPersistence() {
        persistence = new InMemoryEventPersistence();
        return persistence;
    }

    @Override
    protected EventPublisher createPublisher() {
        topicArn = aws.createTopic(true);
        return new SnsEventPublisher(aws.snsConfig(topicArn));
    }

    @Override
    protected SubscriptionSource createSubscriptionSource() {
        return new SqsSubscriptionSource(aws.sqsConfig(topicArn).maxDeliveryAttempts(2).build(), persistence);
    }

    @AfterEach
    void closeClients() {
        aws.close();
    }
}
