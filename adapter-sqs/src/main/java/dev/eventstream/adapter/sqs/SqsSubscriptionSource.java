package dev.eventstream.adapter.sqs;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.SubscriptionSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Delivers the notifications the SNS publisher sends to subscribers in this process, through SQS queues.
 *
 * <p>Each {@link #subscribe} makes a queue (a FIFO queue for a FIFO topic), lets the topic send to it, subscribes
 * it with raw message delivery and a filter policy on the {@code aggregation} attribute, and long-polls it on a
 * thread of its own. For each message the subscriber gets the {@link RecordedEvent}; the message is deleted only
 * after the subscriber returned. A subscriber that throws gets the event again after the visibility timeout.
 * Events repeated by SNS or SQS (at-least-once delivery) are dropped by event id, among the last
 * {@link SqsConfig#deduplicationCapacity()} delivered. On a FIFO topic each stream's events arrive in sequence
 * order; a standard topic does not keep any order.
 *
 * <p>When the publisher left a payload out (over 256 KiB), the event is read from the {@link EventPersistence}
 * given at construction; without one such an event cannot be delivered and stays on the queue as a failure.
 *
 * <p>A message that is not an event notification (another format, or damaged) is never deleted unread: it stays for
 * redelivery and, with {@link SqsConfig#maxDeliveryAttempts()} set, goes to a dead-letter queue once received that
 * often, as does an event whose subscriber failed that often.
 *
 * <p>With a telemetry in the config's client settings, its clients report their requests, and each subscription
 * counts the messages it receives again ({@code eventstream.sqs.redeliveries}) and those it moves to the dead-letter
 * queue ({@code eventstream.sqs.dead.letters}), tagged with {@link #consumer}. Clients passed to the constructor
 * report their requests only when they were built with a {@link dev.eventstream.aws.TelemetryInterceptor}.
 *
 * <p>Thread-safe. Closing it closes every subscription, waiting for their threads, and the clients it made.
 */
public final class SqsSubscriptionSource implements SubscriptionSource {
    private final SqsClient sqs;
    private final SnsClient sns;
    private final SqsConfig config;
    private final @Nullable EventPersistence persistence;
    /** The HTTP client under {@link #sqs} when this source made its clients, else null. */
    private final @Nullable AbortableHttpClient ownHttp;
    private final Set<QueueSubscription> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A source with clients of its own, which cannot deliver events whose payload was left out. */
    public SqsSubscriptionSource(SqsConfig config) {
        this(requireNonNull(config, "config is null"), null, SqsClients.http(config));
    }

    /** A source with clients of its own, reading events whose payload was left out from {@code persistence}. */
    public SqsSubscriptionSource(SqsConfig config, EventPersistence persistence) {
        this(requireNonNull(config, "config is null"), requireNonNull(persistence, "persistence is null"),
                SqsClients.http(config));
    }

    /**
     * A source on clients the caller made and keeps open: closing the source leaves them open. Closing one of its
     * subscriptions cannot cut a long poll of such a client short, so it may wait up to the {@code waitTime}.
     *
     * @param persistence where to read events whose payload was left out; {@code null} for none
     */
    public SqsSubscriptionSource(
            SqsClient sqs, SnsClient sns, SqsConfig config, @Nullable EventPersistence persistence) {
        this(sqs, sns, config, persistence, null);
    }

    /** A source with clients of its own; {@code persistence} may be null. */
    static SqsSubscriptionSource withOwnClients(SqsConfig config, @Nullable EventPersistence persistence) {
        return new SqsSubscriptionSource(requireNonNull(config, "config is null"), persistence,
                SqsClients.http(config));
    }

    private SqsSubscriptionSource(SqsConfig config, @Nullable EventPersistence persistence, AbortableHttpClient http) {
        this(SqsClients.sqs(config, http), SqsClients.sns(config), config, persistence, http);
    }

    private SqsSubscriptionSource(SqsClient sqs, SnsClient sns, SqsConfig config,
            @Nullable EventPersistence persistence, @Nullable AbortableHttpClient ownHttp) {
        this.sqs = requireNonNull(sqs, "sqs is null");
        this.sns = requireNonNull(sns, "sns is null");
        this.config = requireNonNull(config, "config is null");
        this.persistence = persistence;
        this.ownHttp = ownHttp;
    }

    /**
     * Subscribes to the events of {@code aggregation} committed from the time this returns.
     *
     * @throws dev.eventstream.api.EventStoreUnavailableException when the queue could not be made or subscribed
     * @throws IllegalStateException when the source is closed
     */
    @Override
    public Subscription subscribe(String aggregation, Consumer<RecordedEvent> subscriber) {
        new StreamKey(aggregation, "-");
        requireNonNull(subscriber, "subscriber is null");
        checkOpen();
        Consumer<Thread> abortCall = ownHttp != null ? ownHttp::abortCallOf : poller -> { };
        QueueSubscription subscription = QueueSubscription.open(
                new QueueSubscription.Shared(sqs, sns, config, persistence, abortCall), aggregation, subscriber,
                open::remove);
        open.add(subscription);
        if (closed.get()) {
            subscription.close();
            checkOpen();
        }
        return subscription;
    }

    /**
     * The queue the subscriptions of {@code aggregation} read, as metrics and traces name it: with a consumer group,
     * the group's queue ({@code <queueNamePrefix>-<aggregation>-<hash>-<group>[.fifo]}); without, where each
     * subscription has a queue of its own with a random suffix, that name with {@code *} for the suffix, so that
     * every subscription of the aggregation counts under one name.
     */
    @Override
    public String consumer(String aggregation) {
        return QueueSubscription.consumerName(config, requireNonNull(aggregation, "aggregation is null"));
    }

    /**
     * Closes every subscription (see {@link Subscription#close()}), then the clients this source made. Returns once
     * every polling thread has ended.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<QueueSubscription> subscriptions = List.copyOf(open);
        // All pollers are told first, so that they end together rather than one long poll after the other.
        subscriptions.forEach(QueueSubscription::stop);
        subscriptions.forEach(QueueSubscription::close);
        if (ownHttp != null) {
            sqs.close();
            sns.close();
            ownHttp.close();
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("SQS subscription source for " + config.topicArn() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "SqsSubscriptionSource[" + config.topicArn() + "]";
    }
}
