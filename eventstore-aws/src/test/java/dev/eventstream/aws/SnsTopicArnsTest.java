package dev.eventstream.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

class SnsTopicArnsTest {
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:orders";

    @Test
    void theRegionAndKindAreReadFromTheArn() {
        assertThat(SnsTopicArns.region(TOPIC)).isEqualTo(Region.EU_WEST_1);
        assertThat(SnsTopicArns.isFifo(TOPIC)).isFalse();
        assertThat(SnsTopicArns.isFifo("arn:aws:sns:eu-west-1:123456789012:orders.fifo")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "arn:aws:sqs:us-east-1:123456789012:orders",
            "arn:aws:sns:us-east-1:12345:orders", "arn:aws:sns:us-east-1:123456789012:my.orders"})
    void anythingButAnSnsTopicArnIsRejected(String arn) {
        assertThatThrownBy(() -> SnsTopicArns.region(arn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topicArn must be an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:orders"
                        + " (or orders.fifo), was '" + arn + "'");
    }

    @Test
    void aTopicNameOver256CharactersIsRejectedAndNullIsNamed() {
        assertThatThrownBy(() -> SnsTopicArns.region("arn:aws:sns:us-east-1:123456789012:a" + "b".repeat(256)))
                .hasMessageStartingWith("topicArn must be an SNS topic ARN");
        assertThatThrownBy(() -> SnsTopicArns.region(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("topicArn is null");
    }

    @Test
    void settingsWithoutARegionTakeTheTopicsAndAnotherRegionIsRejected() {
        assertThat(SnsTopicArns.inTopicRegion(TOPIC, AwsClientSettings.DEFAULT).region()).isEqualTo(Region.EU_WEST_1);
        AwsClientSettings inTopicRegion = AwsClientSettings.builder().region(Region.EU_WEST_1).maxRetries(7).build();
        assertThat(SnsTopicArns.inTopicRegion(TOPIC, inTopicRegion)).isEqualTo(inTopicRegion);
        assertThatThrownBy(() -> SnsTopicArns.inTopicRegion(TOPIC, inTopicRegion.withRegion(Region.US_EAST_1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region us-east-1 differs from the region of topicArn " + TOPIC);
    }
}
