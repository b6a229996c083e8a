package dev.eventstream.adapter.sns;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.aws.AwsClients;
import dev.eventstream.aws.AwsFailures;
import dev.eventstream.core.EventPublisher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes one SNS notification per committed event to the configured topic (format: {@code docs/sns-messages.md}).
 *
 * <ul>
 *   <li>On a FIFO topic each message carries the stream's message group and the event id as deduplication id, so
 *       subscribers see each stream in sequence order and SNS drops a repeat within its 5-minute window.
 *   <li>Several events go out with {@code PublishBatch}, in sequence order, in calls of at most 10 messages and
 *       256 KiB.
 *   <li>A notification over 256 KiB goes out without its payload, flagged {@code payloadOmitted}; size never
 *       makes a publish fail.
 *   <li>An event whose metadata has a {@code traceparent} header (a traced store adds it) carries it as a message
 *       attribute too, for consumers that continue the trace from attributes.
 *   <li>{@link #publish} returns once SNS has accepted every notification. When it throws, the first notifications
 *       may have been published and the rest were not; publishing all of them again is safe, since subscribers
 *       drop a repeated event id. It never throws an AWS type: failures are
 *       {@link EventStoreUnavailableException}s.
 * </ul>
 *
 * <p>It checks the topic when made (one {@code GetTopicAttributes} request), so a wrong topic ARN fails the start
 * of the application instead of every publication after it, unless {@link SnsConfig#checkTopicAtStart()} is off.
 *
 * <p>Thread-safe. Closing it closes the SNS client if this publisher created it.
 */
public final class SnsEventPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SnsEventPublisher.class);
    private static final int MAX_BATCH_ENTRIES = 10;

    /** Null until first needed, when this publisher builds its own client and the topic is not checked at start. */
    private volatile @Nullable SnsClient client;
    private final SnsConfig config;
    private final boolean ownsClient;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A publisher with its own SNS client, built from {@code config} and closed with the publisher.
     *
     * @throws IllegalStateException when SNS says the topic does not exist, or refuses the topic ARN
     * @throws EventStoreUnavailableException when SNS could not be asked (unreachable, throttling, a server error):
     *     making the publisher again later may succeed
     */
    public SnsEventPublisher(SnsConfig config) {
        // Without the check at start, the client is built at the first publish: a start then loads no SNS class.
        this(requireNonNull(config, "config is null").checkTopicAtStart() ? newClient(config) : null, config, true);
    }

    /**
     * A publisher on a client the caller made and keeps: closing the publisher leaves {@code client} open. Of
     * {@code config} only the topic ARN is used. It checks the topic as {@link #SnsEventPublisher(SnsConfig)} does.
     * The client's requests are reported to a telemetry only when it was built with a
     * {@link dev.eventstream.aws.TelemetryInterceptor} ({@code new TelemetryInterceptor(telemetry,
     * RequestDetails.standard())} added to its override configuration).
     */
    public SnsEventPublisher(SnsClient client, SnsConfig config) {
        this(client, config, false);
    }

    /** The SNS client {@code config} describes, on the Apache 5 HTTP client. */
    static SnsClient newClient(SnsConfig config) {
        return AwsClients.create(SnsClient.builder(), config.clientSettings());
    }

    SnsEventPublisher(@Nullable SnsClient client, SnsConfig config, boolean ownsClient) {
        if (client == null && !ownsClient) {
            throw new NullPointerException("client is null");
        }
        this.client = client;
        this.config = requireNonNull(config, "config is null");
        this.ownsClient = ownsClient;
        try {
            if (config.checkTopicAtStart()) {
                checkTopic();
            }
        } catch (RuntimeException e) {
            if (ownsClient && client != null) {
                client.close();
            }
            throw e;
        }
    }

    /** The client; this publisher's own is built on first use. */
    private SnsClient client() {
        SnsClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    if (closed.get()) {
                        throw new IllegalStateException("SNS publisher for " + config.topicArn() + " is closed");
                    }
                    current = newClient(config);
                    client = current;
                }
            }
        }
        return current;
    }

    /**
     * Publishes a notification for each of {@code events}, in the given order.
     *
     * @throws EventStoreUnavailableException when SNS could not be reached or refused a notification; the
     *     notifications before the failed one may have been published
     * @throws IllegalStateException when the publisher is closed
     */
    @Override
    public void publish(List<RecordedEvent> events) {
        requireNonNull(events, "events is null");
        if (closed.get()) {
            throw new IllegalStateException("SNS publisher for " + config.topicArn() + " is closed");
        }
        List<Entry> entries = new ArrayList<>(events.size());
        for (RecordedEvent event : events) {
            entries.add(new Entry(event, SnsNotification.of(event, config.fifo())));
        }
        if (entries.size() == 1) {
            publishOne(entries.get(0));
        } else if (entries.size() > 1) {
            batches(entries).forEach(this::publishBatch);
        }
    }

    /**
     * The topic's name, the last part of its ARN ({@code orders}, {@code orders.fifo}): what metrics and traces call
     * where this publisher sends, without the account and region the ARN holds.
     */
    @Override
    public String destination() {
        String topicArn = config.topicArn();
        return topicArn.substring(topicArn.lastIndexOf(':') + 1);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsClient) {
            synchronized (this) {
                SnsClient current = client;
                if (current != null) {
                    current.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SnsEventPublisher[" + config.topicArn() + "]";
    }

    /**
     * Asks SNS for the topic once, so that a wrong ARN fails the start rather than every publication after it. A
     * topic SNS says it does not know is a mistake no retry fixes; SNS out of reach may pass. Not being allowed to
     * read the topic's attributes says nothing about being allowed to publish (a topic of another account grants
     * {@code sns:Publish} alone, say), so it is only logged.
     */
    private void checkTopic() {
        String topicArn = config.topicArn();
        try {
            client().getTopicAttributes(GetTopicAttributesRequest.builder().topicArn(topicArn).build());
        } catch (NotFoundException e) {
            throw new IllegalStateException("SNS topic " + topicArn + " does not exist: create it or correct"
                    + " topicArn (" + AwsFailures.describe(e) + ")");
        } catch (AuthorizationErrorException e) {
            LOG.warn("Cannot check SNS topic {} ({}); publishing to it without the check", topicArn,
                    AwsFailures.describe(e));
        } catch (SdkException e) {
            if (AwsFailures.isTransient(e)) {
                throw AwsFailures.unavailable("Checking SNS topic " + topicArn, e);
            }
            throw new IllegalStateException("SNS topic " + topicArn + " cannot be used: " + AwsFailures.describe(e));
        }
    }

    /** Splits entries, keeping their order, into batches SNS accepts: at most 10 messages and 256 KiB each. */
    static List<List<Entry>> batches(List<Entry> entries) {
        List<List<Entry>> batches = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        long currentBytes = 0;
        for (Entry entry : entries) {
            long bytes = entry.notification().sizeBytes();
            if (current.size() == MAX_BATCH_ENTRIES || currentBytes + bytes > SnsNotification.MAX_SIZE_BYTES) {
                batches.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(entry);
            currentBytes += bytes;
        }
        batches.add(current);
        return batches;
    }

    private void publishOne(Entry entry) {
        SnsNotification notification = entry.notification();
        PublishRequest request = PublishRequest.builder()
                .topicArn(config.topicArn())
                .message(notification.body())
                .messageAttributes(notification.attributes())
                .messageGroupId(notification.groupId())
                .messageDeduplicationId(notification.deduplicationId())
                .build();
        try {
            client().publish(request);
        } catch (SdkException e) {
            throw AwsFailures.unavailable("SNS publish of " + describe(entry.event()), e);
        }
    }

    private void publishBatch(List<Entry> batch) {
        List<PublishBatchRequestEntry> requestEntries = new ArrayList<>(batch.size());
        for (Entry entry : batch) {
            SnsNotification notification = entry.notification();
            requestEntries.add(PublishBatchRequestEntry.builder()
                    .id(Long.toString(entry.event().sequence()))
                    .message(notification.body())
                    .messageAttributes(notification.attributes())
                    .messageGroupId(notification.groupId())
                    .messageDeduplicationId(notification.deduplicationId())
                    .build());
        }
        PublishBatchResponse response;
        try {
            response = client().publishBatch(
                    b -> b.topicArn(config.topicArn()).publishBatchRequestEntries(requestEntries));
        } catch (SdkException e) {
            throw AwsFailures.unavailable(String.format("SNS batch publish of sequences %d..%d of stream %s to %s",
                    batch.get(0).event().sequence(), batch.get(batch.size() - 1).event().sequence(),
                    batch.get(0).event().stream(), config.topicArn()), e);
        }
        if (response.hasFailed() && !response.failed().isEmpty()) {
            BatchResultErrorEntry first = response.failed().stream()
                    .min(Comparator.comparingLong(failed -> Long.parseLong(failed.id())))
                    .orElseThrow();
            throw new EventStoreUnavailableException(String.format(
                    "SNS refused %d of %d notifications of stream %s, the first at sequence %s: %s: %s",
                    response.failed().size(), batch.size(), batch.get(0).event().stream(), first.id(),
                    first.code(), first.message()));
        }
    }

    private String describe(RecordedEvent event) {
        return "event " + event.eventId() + " (stream " + event.stream() + ", sequence " + event.sequence()
                + ") to " + config.topicArn();
    }

    /** An event and its notification. */
    record Entry(RecordedEvent event, SnsNotification notification) {
        Entry {
            requireNonNull(event, "event is null");
            requireNonNull(notification, "notification is null");
        }
    }
}
