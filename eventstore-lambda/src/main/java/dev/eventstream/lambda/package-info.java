/**
 * The feed's indexer as an AWS Lambda function: {@link dev.eventstream.lambda.FeedIndexerHandler}, invoked by an
 * event source mapping on the events table's DynamoDB stream, indexing each batch through the DynamoDB adapter's
 * {@link dev.eventstream.adapter.dynamodb.DynamoDbFeedIndexing}. docs/lambda.md says how to deploy it.
 */
@NullMarked
package dev.eventstream.lambda;

import org.jspecify.annotations.NullMarked;
