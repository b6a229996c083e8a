package dev.eventstream.spring;

import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.core.EventPersistence;

/**
 * The DynamoDB part of the health check, in a class of its own so that the indicator loads the DynamoDB adapter's
 * classes only when they are on the class path.
 */
final class DynamoDbHealth {
    private DynamoDbHealth() {}

    static boolean isDynamoDb(EventPersistence persistence) {
        return persistence instanceof DynamoDbEventPersistence;
    }

    /** The table's status from one DescribeTable; throws what the adapter throws when DynamoDB does not answer. */
    static String tableStatus(EventPersistence persistence) {
        return ((DynamoDbEventPersistence) persistence).tableStatus();
    }
}
