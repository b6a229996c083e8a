package dev.eventstream.spring;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the property names in the adapters' messages about their settings: the adapters check every setting and name
 * it as their builders do ({@code tableName must be ...}), which a Spring user would have to translate into the
 * property that holds it ({@code eventstream.dynamodb.table-name}). The checks stay the adapters' own, in one place.
 */
final class SettingNames {
    static final Map<String, String> AWS = Map.of(
            "region", "eventstream.aws.region",
            "endpointUrl", "eventstream.aws.endpoint-url",
            "maxRetries", "eventstream.aws.max-retries",
            "connectTimeout", "eventstream.aws.connect-timeout",
            "socketTimeout", "eventstream.aws.socket-timeout",
            "maxConnections", "eventstream.aws.max-connections",
            "httpClient", "eventstream.aws.http-client");

    static final Map<String, String> DYNAMODB = Map.of(
            "tableName", "eventstream.dynamodb.table-name",
            "createTable", "eventstream.dynamodb.create-table",
            "feedMode", "eventstream.dynamodb.feed-mode",
            "feedTableName", "eventstream.dynamodb.feed-table-name",
            "ttl", "eventstream.dynamodb.ttl",
            "readCapacityUnits", "eventstream.dynamodb.read-capacity-units",
            "writeCapacityUnits", "eventstream.dynamodb.write-capacity-units");

    static final Map<String, String> SNS = Map.of("topicArn", "eventstream.sns.topic-arn");

    static final Map<String, String> SQS = Map.of(
            "queueNamePrefix", "eventstream.sqs.queue-name-prefix",
            "consumerGroup", "eventstream.sqs.consumer-group",
            "waitTime", "eventstream.sqs.wait-time",
            "visibilityTimeout", "eventstream.sqs.visibility-timeout",
            "maxMessages", "eventstream.sqs.max-messages",
            "deduplicationCapacity", "eventstream.sqs.deduplication-capacity",
            "maxDeliveryAttempts", "eventstream.sqs.max-delivery-attempts");

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private SettingNames() {}

    /** The names of every map given; a later map wins for a name in several. */
    @SafeVarargs
    static Map<String, String> of(Map<String, String>... maps) {
        Map<String, String> all = new HashMap<>();
        for (Map<String, String> map : maps) {
            all.putAll(map);
        }
        return Map.copyOf(all);
    }

    /**
     * What {@code make} returns; an {@link IllegalArgumentException} or {@link IllegalStateException} it throws is
     * thrown again with the settings it names put as {@code names} map them, and the original's own cause. The
     * original is not chained: its message is all it adds, and a root-cause report should show the property.
     */
    static <T> T naming(Map<String, String> names, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw renamed(new IllegalArgumentException(rename(e.getMessage(), names), e.getCause()), e);
        } catch (IllegalStateException e) {
            throw renamed(new IllegalStateException(rename(e.getMessage(), names), e.getCause()), e);
        }
    }

    /** {@code renamed} with the stack of {@code original}: where the adapter found the setting wrong. */
    private static RuntimeException renamed(RuntimeException renamed, RuntimeException original) {
        renamed.setStackTrace(original.getStackTrace());
        return renamed;
    }

    /**
     * {@code message} with each setting named by its property. A name in camel case ({@code tableName}) is replaced
     * wherever it stands as a word; a name of one lower-case word ({@code region}, {@code ttl}) only at the start,
     * where the adapters name the setting, since elsewhere it may be an ordinary word.
     */
    static String rename(String message, Map<String, String> names) {
        if (message == null) {
            return "invalid eventstream settings";
        }
        StringBuilder renamed = new StringBuilder();
        Matcher word = WORD.matcher(message);
        while (word.find()) {
            String property = names.get(word.group());
            boolean camelCase = !word.group().equals(word.group().toLowerCase(Locale.ROOT));
            boolean replace = property != null && (camelCase || word.start() == 0) && standsAlone(message, word);
            word.appendReplacement(renamed, Matcher.quoteReplacement(replace ? property : word.group()));
        }
        word.appendTail(renamed);
        return renamed.toString();
    }

    /** Not part of a longer name such as {@code a.tableName} or {@code tableName2}. */
    private static boolean standsAlone(String message, Matcher word) {
        boolean before = word.start() > 0 && isNamePart(message.charAt(word.start() - 1));
        boolean after = word.end() < message.length() && isNamePart(message.charAt(word.end()));
        return !before && !after;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
