/**
 * Publishes committed events as Amazon SNS notifications: {@link dev.eventstream.adapter.sns.SnsEventPublisher},
 * configured by {@link dev.eventstream.adapter.sns.SnsConfig}, wired by
 * {@link dev.eventstream.adapter.sns.SnsEventPublisherModule}. The message format is described in
 * {@code docs/sns-messages.md}.
 */
@NullMarked
package dev.eventstream.adapter.sns;

import org.jspecify.annotations.NullMarked;
