package dev.eventstream.adapter.sqs;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Where the subscriptions of one aggregation put the messages they give up, so that none is deleted unread: a
 * queue beside theirs, made the first time one is needed and never deleted by the source. Its messages keep the
 * original body and say, in attributes, which queue they came from and why.
 *
 * <p>Not SQS's own redrive policy: SQS counts every receive, and a subscription receives, then releases at once, the
 * later messages of a stream whose event failed, so a redrive would dead-letter messages that never failed.
 */
final class DeadLetterQueue {
    /**
     * The last part of the queue's name. Longer than any consumer group or random suffix, with no {@code -} in it,
     * so no subscription's queue can have the name of a dead-letter queue.
     */
    static final String NAME_SUFFIX = "undelivered_notifications";
    static final String SOURCE_QUEUE = "sourceQueue";
    static final String REASON = "reason";

    /** SQS keeps a message at most 14 days; dead letters get all of them, to leave time to look at them. */
    private static final String RETENTION_SECONDS = Integer.toString(14 * 24 * 3600);
    private static final int MAX_MESSAGE_BYTES = 262_144;
    private static final int MAX_REASON_LENGTH = 256;

    private final SqsClient sqs;
    private final String name;
    private final boolean fifo;
    private volatile @Nullable String url;

    DeadLetterQueue(SqsClient sqs, SqsConfig config, String aggregation) {
        this.sqs = requireNonNull(sqs, "sqs is null");
        this.name = QueueSubscription.queueName(config, aggregation, NAME_SUFFIX);
        this.fifo = config.fifo();
    }

    String name() {
        return name;
    }

    /**
     * Puts a copy of {@code message} on this queue, making the queue first if need be. The caller deletes the
     * original once this returned.
     *
     * @throws SdkException when SQS refused or could not be reached; the original must then stay where it is
     */
    void add(Message message, String sourceQueue, String reason) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(SOURCE_QUEUE, string(sourceQueue));
        attributes.put(REASON, string(reason.length() <= MAX_REASON_LENGTH ? reason
                : reason.substring(0, MAX_REASON_LENGTH)));
        long size = utf8Length(message.body()) + attributes.entrySet().stream()
                .mapToLong(a -> utf8Length(a.getKey()) + utf8Length("String") + utf8Length(a.getValue().stringValue()))
                .sum();
        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(url())
                .messageBody(message.body())
                // A body at the limit already goes without them rather than not at all.
                .messageAttributes(size <= MAX_MESSAGE_BYTES ? attributes : Map.of());
        if (fifo) {
            String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            request.messageGroupId(group != null ? group : "unknown")
                    .messageDeduplicationId(message.messageId());
        }
        sqs.sendMessage(request.build());
    }

    private String url() {
        String known = url;
        if (known == null) {
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, RETENTION_SECONDS);
            if (fifo) {
                attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            try {
                known = sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
            } catch (QueueNameExistsException e) {
                // There already, with other attributes (someone changed its retention, say): used as it is.
                known = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            }
            url = known;
        }
        return known;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static long utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
