/**
 * Event persistence on Amazon DynamoDB: {@link dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence}, its
 * settings {@link dev.eventstream.adapter.dynamodb.DynamoDbConfig} and the Guice module
 * {@link dev.eventstream.adapter.dynamodb.DynamoDbEventStoreModule}. No AWS type leaves this package through the
 * {@link dev.eventstream.core.EventPersistence} port. {@link dev.eventstream.adapter.dynamodb.DynamoDbFeedIndexing}
 * indexes the feed from stream records a caller is handed (an AWS Lambda function on the stream), so it takes the
 * SDK's records.
 */
@NullMarked
package dev.eventstream.adapter.dynamodb;

import org.jspecify.annotations.NullMarked;
