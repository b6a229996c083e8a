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
import dev.eventstream.core.Backoff;
import dev.eventstream.core.BoundedCache;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.RepeatedFailureLog;
import dev.eventstream.core.telemetry.Meter;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * One subscription: a queue subscribed to the topic with a filter on the aggregation, and the thread that
 * long-polls it and hands each event to the subscriber. A message is deleted only after the subscriber returned,
 * or once it is on the {@link DeadLetterQueue}; one whose subscriber threw, or that cannot be read, stays on the
 * queue and comes back after the visibility timeout. The messages of the same stream (on a FIFO queue, of the same
 * message group) received with it are not delivered but released, so they come back after it, in order.
 */
final class QueueSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(QueueSubscription.class);
    /** Waits between failed receives: 500 ms doubling to 30 s. */
    private static final Backoff RECEIVE_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private static final int READABLE_AGGREGATION_LENGTH = 16;
    private static final Duration POLLER_END_CHECK = Duration.ofMillis(20);
    /** Stands for the random suffix in the name metrics give a subscription's own queue. */
    private static final String ANY_SUFFIX = "*";

    private final SqsClient sqs;
    private final SnsClient sns;
    private final SqsConfig config;
    private final @Nullable EventPersistence persistence;
    private final Consumer<Thread> abortCall;
    private final String aggregation;
    private final Consumer<RecordedEvent> subscriber;
    private final Consumer<QueueSubscription> onClose;
    private final String queueName;
    /** Counts redeliveries and dead letters under {@link #consumer}. */
    private final StoreTelemetry telemetry;
    /** The queue as metrics name it: {@link #consumerName}. */
    private final String consumer;
    private final BoundedCache<UUID, Boolean> delivered;
    // Failed calls to the subscriber per event still to deliver; bounded like the delivered ids.
    private final BoundedCache<UUID, Integer> failedAttempts;
    private final RepeatedFailureLog subscriberFailures = new RepeatedFailureLog(LOG);
    private final DeadLetterQueue deadLetters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);
    // Set first by close() or stop(): the poller checks it before each receive and each delivery.
    private volatile boolean stopping;
    private volatile boolean receiving;
    private @Nullable String queueUrl;
    private @Nullable String subscriptionArn;
    private @Nullable Thread poller;

    private QueueSubscription(Shared shared, String aggregation, Consumer<RecordedEvent> subscriber,
            Consumer<QueueSubscription> onClose) {
        this.sqs = shared.sqs();
        this.sns = shared.sns();
        this.config = shared.config();
        this.persistence = shared.persistence();
        this.abortCall = shared.abortCall();
        this.aggregation = aggregation;
        this.subscriber = subscriber;
        this.onClose = onClose;
        this.queueName = queueName(config, aggregation,
                config.consumerGroup() != null ? config.consumerGroup() : randomSuffix());
        this.telemetry = config.clientSettings().telemetry();
        this.consumer = consumerName(config, aggregation);
        this.delivered = new BoundedCache<>(config.deduplicationCapacity());
        this.failedAttempts = new BoundedCache<>(config.deduplicationCapacity());
        this.deadLetters = new DeadLetterQueue(sqs, config, aggregation);
    }

    /**
     * What the subscriptions of one source share.
     *
     * @param persistence where to read events whose payload was left out; {@code null} for none
     * @param abortCall aborts the HTTP call the given poller thread is making, so that closing need not wait for a
     *     long poll to end; does nothing where the client cannot do that
     */
    record Shared(SqsClient sqs, SnsClient sns, SqsConfig config, @Nullable EventPersistence persistence,
            Consumer<Thread> abortCall) {
        Shared {
            requireNonNull(sqs, "sqs is null");
            requireNonNull(sns, "sns is null");
            requireNonNull(config, "config is null");
            requireNonNull(abortCall, "abortCall is null");
        }
    }

    /**
     * Makes the queue, lets the topic send to it, subscribes it and starts polling. When this returns, every event
     * published from then on reaches the queue.
     *
     * @throws dev.eventstream.api.EventStoreUnavailableException when a step failed; what was made is undone
     */
    static QueueSubscription open(Shared shared, String aggregation, Consumer<RecordedEvent> subscriber,
            Consumer<QueueSubscription> onClose) {
        QueueSubscription subscription = new QueueSubscription(shared, aggregation, subscriber, onClose);
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

    /**
     * The name metrics and traces give the queue of {@code aggregation}'s subscriptions: the queue's name for a
     * consumer group; for subscriptions with queues of their own, their names with {@value #ANY_SUFFIX} for the
     * random suffix, one name for all of them, as a tag must take values from a bounded set.
     */
    static String consumerName(SqsConfig config, String aggregation) {
        String group = config.consumerGroup();
        return queueName(config, aggregation, group != null ? group : ANY_SUFFIX);
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
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.MESSAGE_GROUP_ID)
                .build();
        int failedReceives = 0;
        while (!stopping) {
            List<Message> messages;
            receiving = true;
            try {
                if (stopping) {
                    return;
                }
                messages = sqs.receiveMessage(request).messages();
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                Duration backoff = RECEIVE_BACKOFF.delay(++failedReceives);
                LOG.warn("Receiving from queue {} failed: {}; trying again in {}", queueName,
                        e instanceof SdkException sdk ? AwsFailures.describe(sdk) : e.toString(), backoff);
                sleep(backoff);
                continue;
            } finally {
                receiving = false;
            }
            failedReceives = 0;
            try {
                deliver(messages);
            } catch (RuntimeException e) {
                // Undelivered messages come back after the visibility timeout; the thread must go on polling.
                LOG.error("Handling messages from queue {} failed", queueName, e);
            }
        }
    }

    private void deliver(List<Message> messages) {
        // A stream whose event failed gets nothing more from this batch, so its events come back in order. On a FIFO
        // queue the message group stands for the stream, which holds back the group of a message it cannot read too.
        Set<String> held = new HashSet<>();
        for (Message message : messages) {
            if (stopping) {
                return;
            }
            if (receiveCount(message) > 1) {
                // Received before: its delivery failed or timed out, or it was released behind a failed one.
                telemetry.count(Meter.SQS_REDELIVERIES, 1, consumer);
            }
            ReceivedNotification notification;
            try {
                notification = ReceivedNotification.parse(message.body());
            } catch (IllegalArgumentException e) {
                undecodable(message, e.getMessage(), held);
                continue;
            }
            String order = orderKey(message, notification.stream());
            if (held.contains(order)) {
                release(message);
                continue;
            }
            if (delivered.containsKey(notification.eventId())) {
                delete(message);
                continue;
            }
            try {
                subscriber.accept(resolve(notification));
            } catch (Exception | AssertionError e) {
                failed(message, notification, e, order, held);
                continue;
            }
            delivered.put(notification.eventId(), Boolean.TRUE);
            failedAttempts.remove(notification.eventId());
            delete(message);
        }
    }

    private static String orderKey(Message message, StreamKey stream) {
        String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        return group != null ? group : stream.asString();
    }

    /**
     * A message that is no event notification this version can read (another format, or damaged) is never deleted
     * unread: it stays for redelivery, and once it was received {@code maxDeliveryAttempts} times it goes to the
     * dead-letter queue. Logged on every receive, by message id and never with its body, which may hold a payload.
     */
    private void undecodable(Message message, String reason, Set<String> held) {
        String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        if (group != null) {
            held.add(group);
        }
        int receives = receiveCount(message);
        if (givesUpAfter(receives)) {
            deadLetter(message, "not an event notification: " + reason, () -> LOG.error(
                    "Message {} on queue {} is not an event notification ({}); moved to queue {} after {} receives",
                    message.messageId(), queueName, reason, deadLetters.name(), receives));
            return;
        }
        LOG.warn("Message {} on queue {} is not an event notification ({}); left on the queue, receive {} of {}",
                message.messageId(), queueName, reason, receives,
                config.maxDeliveryAttempts() == SqsConfig.UNLIMITED_DELIVERY_ATTEMPTS
                        ? "unlimited" : config.maxDeliveryAttempts());
    }

    private boolean givesUpAfter(int attempts) {
        return config.maxDeliveryAttempts() != SqsConfig.UNLIMITED_DELIVERY_ATTEMPTS
                && attempts >= config.maxDeliveryAttempts();
    }

    private static int receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void failed(Message message, ReceivedNotification notification, Throwable failure, String order,
            Set<String> held) {
        int attempts = failedAttempts.merge(notification.eventId(), 1, Integer::sum);
        if (givesUpAfter(attempts)) {
            boolean moved = deadLetter(message, "the subscriber failed " + attempts + " times, last with "
                    + failure.getClass().getName(), () -> subscriberFailures.error(failure, "Giving up event {}"
                            + " (stream {}, sequence {}) from queue {} after {} failed deliveries; moved to queue {}",
                    notification.eventId(), notification.stream(), notification.sequence(), queueName, attempts,
                    deadLetters.name()));
            if (moved) {
                failedAttempts.remove(notification.eventId());
                return;
            }
        }
        held.add(order);
        subscriberFailures.warn(failure, "Delivery {} of event {} (stream {}, sequence {}) from queue {} failed; it"
                        + " comes again after the visibility timeout of {}", attempts, notification.eventId(),
                notification.stream(), notification.sequence(), queueName, config.visibilityTimeout());
    }

    /**
     * Moves {@code message} to the dead-letter queue: copies it there, then deletes it here. When the copy fails the
     * message stays and comes back; when the delete fails it comes back and is copied again, a repeat there rather
     * than a loss. Returns whether the copy was made.
     */
    private boolean deadLetter(Message message, String reason, Runnable log) {
        try {
            deadLetters.add(message, queueName, reason);
        } catch (SdkException e) {
            LOG.warn("Moving message {} from queue {} to queue {} failed: {}; it stays and comes again",
                    message.messageId(), queueName, deadLetters.name(), AwsFailures.describe(e));
            return false;
        }
        telemetry.count(Meter.SQS_DEAD_LETTERS, 1, consumer);
        log.run();
        delete(message);
        return true;
    }

    /**
     * The full event: from the notification, or from the store when the publisher left the payload out. Then all of
     * it is the store's, revision and metadata too, not a mix of what the notification said and what was stored.
     */
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
     * Stops polling and returns once the polling thread has ended: no delivery starts after this returns, and none
     * is running. A long poll in progress is cut short where the client allows it (the source's own clients);
     * otherwise this waits for it to end, at most the {@code waitTime}. A subscription with a queue of its own also
     * unsubscribes the queue and deletes it; a consumer group's queue stays, subscribed. Called by the subscriber
     * from within a delivery, it returns before the delivery ends, which cannot be waited for there.
     */
    @Override
    public void close() {
        stopping = true;
        Thread thread = poller;
        boolean onPoller = Thread.currentThread() == thread;
        if (!closed.compareAndSet(false, true)) {
            if (!onPoller) {
                awaitCloseDone();
            }
            return;
        }
        try {
            if (thread != null && !onPoller) {
                awaitPollerEnd(thread);
            }
            if (ownsQueue()) {
                tearDown();
            }
            onClose.accept(this);
        } finally {
            closeDone.countDown();
        }
    }

    /**
     * Tells the poller to stop, without waiting: no delivery starts after this returns. For closing several
     * subscriptions at once, whose pollers then end together; {@link #close} still has to be called.
     */
    void stop() {
        stopping = true;
    }

    /**
     * Waits for the poller to end, cutting a receive in progress short: the interrupt ends a back-off sleep, the
     * abort a blocked socket read. A delivery in progress is left to finish. Bounded: a subscriber that hangs, or a
     * client that cannot abort, is not waited for beyond what a delivery and a receive can take.
     */
    private void awaitPollerEnd(Thread thread) {
        long deadline = System.nanoTime() + config.visibilityTimeout().plus(config.socketTimeout()).toNanos();
        try {
            while (thread.isAlive() && System.nanoTime() - deadline < 0) {
                if (receiving) {
                    abortCall.accept(thread);
                    thread.interrupt();
                }
                thread.join(POLLER_END_CHECK.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The poller of queue {} has not ended within {}; closing without it", queueName,
                    config.visibilityTimeout().plus(config.socketTimeout()));
        }
    }

    private void awaitCloseDone() {
        try {
            closeDone.await();
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
