package dev.eventstream.lambda;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;

/**
 * A Lambda function's store settings, from its environment variables (named like the quick start's): the feed's
 * indexer reads them, and so can a function that appends. Only the table name is needed; the region is the
 * function's own ({@code AWS_REGION}, which Lambda sets) unless {@value #REGION} names another, and credentials are
 * the function's execution role.
 */
public final class FunctionEnvironment {
    /** The events table (required). */
    public static final String TABLE_NAME = "EVENTSTREAM_DYNAMODB_TABLE";
    /** The feed table; by default the events table's name + {@code -feed}, as the store's default. */
    public static final String FEED_TABLE_NAME = "EVENTSTREAM_DYNAMODB_FEED_TABLE";
    /** The tables' region, when not the function's. */
    public static final String REGION = "EVENTSTREAM_AWS_REGION";
    /** Another endpoint for the AWS services (an emulator's, in tests): an absolute http(s) URL; unset on AWS. */
    public static final String ENDPOINT_URL = "EVENTSTREAM_AWS_ENDPOINT";

    private FunctionEnvironment() {}

    /**
     * The store's settings in a function: the tables named, {@code feedMode EXTERNAL} (the feed is indexed by
     * {@link FeedIndexerHandler}, never in a function that appends), never creating a table (the infrastructure
     * makes them, and a start sends no request).
     *
     * @throws IllegalArgumentException when a variable is missing or invalid, naming it
     */
    public static DynamoDbConfig config(Map<String, String> environment) {
        String tableName = value(environment, TABLE_NAME);
        if (tableName == null) {
            throw new IllegalArgumentException("environment variable " + TABLE_NAME + " is not set: set it to the"
                    + " name of the events table");
        }
        DynamoDbConfig.Builder config = DynamoDbConfig.builder()
                .tableName(tableName)
                .createTable(false)
                .feedMode(DynamoDbConfig.FeedMode.EXTERNAL)
                .feedTableName(value(environment, FEED_TABLE_NAME));
        String region = value(environment, REGION);
        if (region != null) {
            config.region(Region.of(region));
        }
        String endpoint = value(environment, ENDPOINT_URL);
        if (endpoint != null) {
            config.endpointUrl(endpoint(endpoint));
        }
        try {
            return config.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the function's environment variables (" + TABLE_NAME + ", "
                    + FEED_TABLE_NAME + ", " + REGION + ") do not make valid settings: " + e.getMessage(), e);
        }
    }

    private static @Nullable String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("environment variable " + ENDPOINT_URL + " must be an absolute http or"
                    + " https URL, was '" + value + "'", e);
        }
    }
}
