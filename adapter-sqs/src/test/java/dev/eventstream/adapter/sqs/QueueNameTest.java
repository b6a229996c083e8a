package dev.eventstream.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueNameTest {
    private static final SqsConfig STANDARD = SqsConfig.builder("arn:aws:sns:us-east-1:123456789012:events").build();
    private static final SqsConfig FIFO = SqsConfig.builder("arn:aws:sns:us-east-1:123456789012:events.fifo").build();

    @Test
    void aQueueNameShowsPrefixAggregationAndSuffix() {
        assertThat(QueueSubscription.queueName(STANDARD, "orders", "billing"))
                .matches("eventstream-orders-[0-9a-f]{8}-billing");
        assertThat(QueueSubscription.queueName(FIFO, "orders", "billing"))
                .matches("eventstream-orders-[0-9a-f]{8}-billing\\.fifo");
    }

    @Test
    void anyAggregationGivesAValidSqsNameOfItsOwn() {
        // given: the longest prefix and group, an aggregation SQS cannot spell, and two that read the same
        SqsConfig longest = FIFO.toBuilder().queueNamePrefix("p".repeat(20)).build();
        String group = "g".repeat(24);

        // when
        String odd = QueueSubscription.queueName(longest, "Bestellungen für Kunden ".repeat(10), group);
        String dotted = QueueSubscription.queueName(longest, "orders.v1", group);
        String underscored = QueueSubscription.queueName(longest, "orders_v1", group);

        // then
        assertThat(odd).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+\\.fifo");
        assertThat(dotted).hasSizeLessThanOrEqualTo(80).isNotEqualTo(underscored);
    }

    @Test
    void theConsumerOfAGroupIsItsQueueAndOfOwnQueuesTheirNameWithAWildcard() {
        // given
        SqsConfig grouped = FIFO.toBuilder().consumerGroup("billing").build();

        // when
        String group = QueueSubscription.consumerName(grouped, "orders");
        String own = QueueSubscription.consumerName(FIFO, "orders");

        // then
        assertThat(group).isEqualTo(QueueSubscription.queueName(grouped, "orders", "billing"));
        assertThat(own).matches("eventstream-orders-[0-9a-f]{8}-\\*\\.fifo")
                .isNotEqualTo(QueueSubscription.consumerName(FIFO, "invoices"));
    }
}
