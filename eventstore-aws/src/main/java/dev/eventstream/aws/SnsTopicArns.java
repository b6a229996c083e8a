package dev.eventstream.aws;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/** The SNS topic ARNs that the publisher publishes to and the subscriptions read from. */
public final class SnsTopicArns {
    // arn:partition:sns:region:account:name, where a name is 1-256 of [A-Za-z0-9_-], a FIFO one ending in .fifo.
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:[a-z-]+:sns:([a-z0-9-]+):[0-9]{12}:([A-Za-z0-9_-]+(?:\\.fifo)?)");
    private static final int MAX_TOPIC_NAME_LENGTH = 256;

    private SnsTopicArns() {}

    /**
     * The region of {@code topicArn}.
     *
     * @throws IllegalArgumentException when {@code topicArn} is not an SNS topic ARN
     */
    public static Region region(String topicArn) {
        requireNonNull(topicArn, "topicArn is null");
        Matcher matcher = TOPIC_ARN.matcher(topicArn);
        if (!matcher.matches() || matcher.group(2).length() > MAX_TOPIC_NAME_LENGTH) {
            throw new IllegalArgumentException("topicArn must be an SNS topic ARN such as"
                    + " arn:aws:sns:us-east-1:123456789012:orders (or orders.fifo), was '" + topicArn + "'");
        }
        return Region.of(matcher.group(1));
    }

    /** Whether {@code topicArn} names a FIFO topic. */
    public static boolean isFifo(String topicArn) {
        return topicArn.endsWith(".fifo");
    }

    /**
     * {@code settings} in the region of {@code topicArn}: the topic's region when {@code settings} name none.
     *
     * @throws IllegalArgumentException when {@code topicArn} is not an SNS topic ARN, or {@code settings} name
     *     another region than the topic's
     */
    public static AwsClientSettings inTopicRegion(String topicArn, AwsClientSettings settings) {
        Region topicRegion = region(topicArn);
        requireNonNull(settings, "clientSettings is null");
        if (settings.region() == null) {
            return settings.withRegion(topicRegion);
        }
        if (!settings.region().equals(topicRegion)) {
            throw new IllegalArgumentException(
                    "region " + settings.region() + " differs from the region of topicArn " + topicArn);
        }
        return settings;
    }
}
