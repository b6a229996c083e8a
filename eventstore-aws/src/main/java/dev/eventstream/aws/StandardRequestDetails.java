package dev.eventstream.aws;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;

/**
 * {@link RequestDetails#standard()}: the resource a request names in a field every service model calls the same,
 * read by the field's name so that no service model is needed. An SNS topic ({@code TopicArn}, or the topic of a
 * {@code SubscriptionArn}), an SQS queue ({@code QueueUrl} or {@code QueueName}), the table of a DynamoDB stream
 * ({@code StreamArn}); nothing for other requests.
 */
final class StandardRequestDetails implements RequestDetails {
    static final StandardRequestDetails INSTANCE = new StandardRequestDetails();

    private static final String STREAM_ARN_TABLE = ":table/";

    private StandardRequestDetails() {}

    @Override
    public List<String> resources(SdkRequest request) {
        String name = field(request, "TopicArn").map(StandardRequestDetails::afterLast)
                .or(() -> field(request, "QueueUrl").map(url -> afterLast(url, '/')))
                .or(() -> field(request, "QueueName"))
                .or(() -> field(request, "SubscriptionArn").map(StandardRequestDetails::topicOfSubscription))
                .or(() -> field(request, "StreamArn").map(StandardRequestDetails::tableOfStream))
                .orElse(null);
        return name == null || name.isEmpty() ? List.of() : List.of(name);
    }

    private static Optional<String> field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class);
    }

    /** A topic's name: the last part of its ARN ({@code arn:aws:sns:us-east-1:123456789012:orders}). */
    private static String afterLast(String arn) {
        return afterLast(arn, ':');
    }

    private static String afterLast(String text, char separator) {
        String trimmed = text.endsWith(String.valueOf(separator)) ? text.substring(0, text.length() - 1) : text;
        return trimmed.substring(trimmed.lastIndexOf(separator) + 1);
    }

    /** A subscription's ARN is its topic's with the subscription's id after one more colon. */
    private static @Nullable String topicOfSubscription(String arn) {
        String[] parts = arn.split(":");
        return parts.length == 7 ? parts[5] : null;
    }

    /** {@code arn:aws:dynamodb:us-east-1:123456789012:table/events/stream/2024-05-01T10:15:30.123}: the table. */
    private static @Nullable String tableOfStream(String arn) {
        int start = arn.indexOf(STREAM_ARN_TABLE);
        if (start < 0) {
            return null;
        }
        start += STREAM_ARN_TABLE.length();
        int end = arn.indexOf('/', start);
        return end < 0 ? arn.substring(start) : arn.substring(start, end);
    }
}
