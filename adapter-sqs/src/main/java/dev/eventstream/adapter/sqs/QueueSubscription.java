package dev.eventstream.adapter.sqs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.Json;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.aws.AwsFailures;
import dev.eventstream.aws.Hashes;
import dev.eventstream.core.EventPersistence;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * One subscription: a queue subscribed to the topic with a filter on the aggregation, and the thread that
 * long-polls it and hands each event to the subscriber. A message is deleted only after the subscriber returned;
 * one whose subscriber threw stays on the queue and comes back after the visibility timeout. The messages of the
 * same stream received with it are not delivered but released, so they come back after it, in order.
 */
final class QueueSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(QueueSubscription.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int READABLE_AGGREGATION_LENGTH = 16;

    private final SqsClient sqs;
    private final SnsClient sns;
    private final SqsConfig config;
    private final @Nullable EventPersistence persistence;
    private final String aggregation;
    private final Consumer<RecordedEvent> subscriber;
    private final Consumer<QueueSubscription> onClose;
    private final String queueName;
    private final RecentEventIds delivered;
    // Failed calls to the subscriber per event still to deliver; bounded like the delivered ids.
    private final Map<UUID, Integer> failedAttempts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean receiving;
    private @Nullable String queueUrl;
    private @Nullable String subscriptionArn;
    private @Nullable Thread poller;

    private QueueSubscription(SqsClient sqs, SnsClient sns, SqsConfig config, @Nullable EventPersistence persistence,
            String aggregation, Consumer<RecordedEvent> subscriber, Consumer<QueueSubscription> onClose) {
        this.sqs = sqs;
        this.sns = sns;
        this.config = config;
        this.persistence = persistence;
        this.aggregation = aggregation;
        this.subscriber = subscriber;
        this.onClose = onClose;
        this.queueName = queueName(config, aggregation,
                config.consumerGroup() != null ? config.consumerGroup() : randomSuffix());
        this.delivered = new RecentEventIds(config.deduplicationCapacity());
        this.failedAttempts = RecentEventIds.boundedMap(config.deduplicationCapacity());
    }

    /**
     * Makes the queue, lets the topic send to it, subscribes it and starts polling. When this returns, every event
     * published from then on reaches the queue.
     *
     * @throws dev.eventstream.api.EventStoreUnavailableException when a step failed; what was made is undone
     */
    static QueueSubscription open(SqsClient sqs, SnsClient sns, SqsConfig config,
            @Nullable EventPersistence persistence, String aggregation, Consumer<RecordedEvent> subscriber,
            Consumer<QueueSubscription> onClose) {
        QueueSubscription subscription =
                new QueueSubscription(sqs, sns, config, persistence, aggregation, subscriber, onClose);
        subscription.setUp();
        subscription.startPolling();
        return subscription;
    }

    /**
     * The queue's name: prefix, the aggregation made safe and cut short for people to read, 8 hex digits of its
     * SHA-256 to keep different aggregations apart, then the consumer group or a random suffix.
     */
    static String queueName(SqsConfig config, String aggregation, String suffix) {
        String readable = aggregation.replaceAll("[^A-Za-z0-9_-]", "_");
        if (readable.length() > READABLE_AGGREGATION_LENGTH) {
            readable = readable.substring(0, READABLE_AGGREGATION_LENGTH);
        }
        String hash = Hashes.sha256Hex(aggregation).substring(0, 8);
        return config.queueNamePrefix() + "-" + readable + "-" + hash + "-" + suffix + (config.fifo() ? ".fifo" : "");
    }

    String queueName() {
        return queueName;
    }

    /** The queue's URL; set once {@link #open} returned. */
    String queueUrl() {
        return requireNonNull(queueUrl, "queue not made yet");
    }

    /** Whether the queue and its subscription go away when this subscription closes. */
    private boolean ownsQueue() {
        return config.consumerGroup() == null;
    }

    private void setUp() {
        try {
            Map<QueueAttributeName, String> attributes =
                    config.fifo() ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
            queueUrl = sqs.createQueue(b -> b.queueName(queueName).attributes(attributes)).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                            .attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            sqs.setQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributes(Map.of(QueueAttributeName.POLICY, queuePolicy(queueArn))));
            subscriptionArn = sns.subscribe(b -> b.topicArn(config.topicArn())
                            .protocol("sqs")
                            .endpoint(queueArn)
                            .returnSubscriptionArn(true)
                            .attributes(Map.of(
                                    // The body is then exactly the published message, with no SNS envelope.
                                    "RawMessageDelivery", "true",
                                    "FilterPolicy", filterPolicy())))
                    .subscriptionArn();
        } catch (SdkException e) {
            if (ownsQueue()) {
                tearDown();
            }
            throw AwsFailures.unavailable(
                    "Subscribing queue " + queueName + " to " + config.topicArn() + " for " + aggregation, e);
        }
    }

    private void startPolling() {
        Thread thread = new Thread(this::poll, "eventstream-sqs-" + queueName);
        thread.setDaemon(true);
        poller = thread;
        thread.start();
    }

    /** Lets the topic, and only it, send to the queue. */
    private String queuePolicy(String queueArn) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode statement = nodes.objectNode()
                .put("Sid", "AllowTopic")
                .put("Effect", "Allow")
                .put("Action", "sqs:SendMessage")
                .put("Resource", queueArn);
        statement.set("Principal", nodes.objectNode().put("Service", "sns.amazonaws.com"));
        statement.set("Condition", nodes.objectNode().set("ArnEquals",
                nodes.objectNode().put("aws:SourceArn", config.topicArn())));
        ObjectNode policy = nodes.objectNode().put("Version", "2012-10-17");
        policy.set("Statement", nodes.arrayNode().add(statement));
        return Json.write(policy);
    }

    private String filterPolicy() {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.putArray("aggregation").add(aggregation);
        return Json.write(policy);
    }

    private void poll() {
        ReceiveMessageRequest request = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(config.maxMessages())
                .waitTimeSeconds((int) config.waitTime().toSeconds())
                .visibilityTimeout((int) config.visibilityTimeout().toSeconds())
                .build();
        Duration backoff = FIRST_BACKOFF;
        while (!closed.get()) {
            List<Message> messages;
            receiving = true;
            try {
                if (closed.get()) {
                    return;
                }
                messages = sqs.receiveMessage(request).messages();
            } catch (RuntimeException e) {
                if (closed.get()) {
                    return;
                }
                LOG.warn("Receiving from queue {} failed: {}; trying again in {}", queueName,
                        e instanceof SdkException sdk ? AwsFailures.describe(sdk) : e.toString(), backoff);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                continue;
            } finally {
                receiving = false;
            }
            backoff = FIRST_BACKOFF;
            try {
                deliver(messages);
            } catch (RuntimeException e) {
                // Undelivered messages come back after the visibility timeout; the thread must go on polling.
                LOG.error("Handling messages from queue {} failed", queueName, e);
            }
        }
    }

    private void deliver(List<Message> messages) {
        // A stream whose event failed gets nothing more from this batch, so its events come back in order.
        Set<StreamKey> held = new HashSet<>();
        for (Message message : messages) {
            if (closed.get()) {
                return;
            }
            ReceivedNotification notification;
            try {
                notification = ReceivedNotification.parse(message.body());
            } catch (IllegalArgumentException e) {
                LOG.warn("Deleting message {} from queue {}: not an event notification ({})", message.messageId(),
                        queueName, e.getMessage());
                delete(message);
                continue;
            }
            if (held.contains(notification.stream())) {
                release(message);
                continue;
            }
            if (delivered.contains(notification.eventId())) {
                delete(message);
                continue;
            }
            try {
                subscriber.accept(resolve(notification));
            } catch (Exception | AssertionError e) {
                failed(message, notification, e, held);
                continue;
            }
            delivered.add(notification.eventId());
            failedAttempts.remove(notification.eventId());
            delete(message);
        }
    }

    private void failed(Message message, ReceivedNotification notification, Throwable failure, Set<StreamKey> held) {
        int attempts = failedAttempts.merge(notification.eventId(), 1, Integer::sum);
        if (config.maxDeliveryAttempts() != SqsConfig.UNLIMITED_DELIVERY_ATTEMPTS
                && attempts >= config.maxDeliveryAttempts()) {
            LOG.error("Giving up event {} (stream {}, sequence {}) from queue {} after {} failed deliveries",
                    notification.eventId(), notification.stream(), notification.sequence(), queueName, attempts,
                    failure);
            failedAttempts.remove(notification.eventId());
            delete(message);
            return;
        }
        held.add(notification.stream());
        LOG.warn("Delivery {} of event {} (stream {}, sequence {}) from queue {} failed; it comes again after the"
                        + " visibility timeout of {}", attempts, notification.eventId(), notification.stream(),
                notification.sequence(), queueName, config.visibilityTimeout(), failure);
    }

    /** The full event: from the notification, or from the store when the publisher left the payload out. */
    private RecordedEvent resolve(ReceivedNotification notification) {
        if (!notification.payloadOmitted()) {
            return notification.toEvent();
        }
        if (persistence == null) {
            throw new IllegalStateException("the notification of event " + notification.eventId()
                    + " carries no payload (too large for SNS) and this subscription source has no"
                    + " EventPersistence to read it from");
        }
        List<RecordedEvent> stored = persistence.read(notification.stream(), notification.sequence(), 1);
        if (stored.isEmpty() || !stored.get(0).eventId().equals(notification.eventId())) {
            throw new IllegalStateException("event " + notification.eventId() + " is not in the store at sequence "
                    + notification.sequence() + " of stream " + notification.stream());
        }
        return stored.get(0);
    }

    /**
     * Makes a message of a held stream visible again at once rather than after the visibility timeout. On a FIFO
     * queue SQS still returns it only after the failed message before it, which keeps the stream in order.
     */
    private void release(Message message) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        } catch (SdkException e) {
            LOG.warn("Releasing message {} on queue {} failed: {}", message.messageId(), queueName,
                    AwsFailures.describe(e));
        }
    }

    private void delete(Message message) {
        try {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        } catch (SdkException e) {
            // It comes back after the visibility timeout; a delivered event is then dropped as a repeat.
            LOG.warn("Deleting message {} from queue {} failed: {}", message.messageId(), queueName,
                    AwsFailures.describe(e));
        }
    }

    /**
     * Stops polling: no delivery starts after this returns. A subscription with a queue of its own also
     * unsubscribes the queue and deletes it; a consumer group's queue stays, subscribed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread thread = poller;
        boolean onPoller = Thread.currentThread() == thread;
        if (thread != null && !onPoller) {
            if (receiving) {
                // Ends a back-off sleep at once; a long poll blocked in a socket read does not notice the interrupt,
                // but when it returns the poller sees the subscription closed and delivers nothing.
                thread.interrupt();
            }
            awaitDeliveryInProgress(thread);
        }
        if (ownsQueue()) {
            tearDown();
        }
        onClose.accept(this);
    }

    /**
     * Waits while the poller is delivering, so no subscriber call runs once {@link #close} returns, but not for a
     * long poll to come back, which may take the whole wait time.
     */
    private void awaitDeliveryInProgress(Thread thread) {
        long deadline = System.nanoTime() + config.visibilityTimeout().plus(config.socketTimeout()).toNanos();
        try {
            while (thread.isAlive() && !receiving && System.nanoTime() - deadline < 0) {
                thread.join(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tearDown() {
        if (subscriptionArn != null) {
            try {
                sns.unsubscribe(b -> b.subscriptionArn(subscriptionArn));
            } catch (SdkException e) {
                LOG.warn("Unsubscribing queue {} from {} failed: {}", queueName, config.topicArn(),
                        AwsFailures.describe(e));
            }
        }
        if (queueUrl != null) {
            try {
                sqs.deleteQueue(b -> b.queueUrl(queueUrl));
            } catch (SdkException e) {
                LOG.warn("Deleting queue {} failed: {}", queueName, AwsFailures.describe(e));
            }
        }
    }

    /** Sleeps; an interrupt (from {@link #close}) just ends the sleep early. */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // The loop checks whether the subscription was closed.
        }
    }

    private static String randomSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }


    @Override
    public String toString() {
        return "SqsSubscription[" + aggregation + " via " + queueName + "]";
    }
}
