/**
 * Delivers the SNS notifications of committed events to subscribers in this process through SQS queues:
 * {@link dev.eventstream.adapter.sqs.SqsSubscriptionSource}, configured by
 * {@link dev.eventstream.adapter.sqs.SqsConfig}, wired by {@link dev.eventstream.adapter.sqs.SqsSubscriptionModule}.
 */
@NullMarked
package dev.eventstream.adapter.sqs;

import org.jspecify.annotations.NullMarked;
