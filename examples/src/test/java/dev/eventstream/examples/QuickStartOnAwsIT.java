package dev.eventstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.testkit.moto.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The quick start as a user runs it against an AWS endpoint: events in DynamoDB with the feed indexed from the
 * table's stream, notifications over SNS/SQS.
 */
class QuickStartOnAwsIT {

    @Test
    void quickStartRunsOnDynamoDbWithNotificationsOverSnsAndSqs() throws InterruptedException {
        // given: the environment a user sets for LocalStack, pointing at moto instead
        MotoServer moto = MotoServer.shared();
        String topicArn;
        try (SnsClient sns = EmulatorClients.client(SnsClient.builder(), moto.endpoint())) {
            topicArn = sns.createTopic(b -> b.name("quickstart-" + UUID.randomUUID())).topicArn();
        }
        StoreSetup setup = StoreSetup.fromEnvironment(Map.of(
                StoreSetup.TABLE, "quickstart-" + UUID.randomUUID(),
                StoreSetup.TOPIC_ARN, topicArn,
                StoreSetup.ENDPOINT, moto.endpoint().toString(),
                "AWS_REGION", "us-east-1"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // when
        try (DefaultEventStore store = setup.open();
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            QuickStart.run(store, "42", out);
        }

        // then
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(setup.description()).startsWith("DynamoDB table quickstart-").contains("SNS topic " + topicArn);
        assertThat(output)
                .contains("stream version is now 4")
                .contains("read: #1 PLACED", "read: #4 DELIVERED")
                .contains("history: [PLACED, PAID, SENT, DELIVERED]")
                .contains("notified: PLACED #1 of 42", "notified: PAID #2 of 42",
                        "notified: SENT #3 of 42", "notified: DELIVERED #4 of 42")
                .contains("aggregations: [orders]")
                .contains("projection caught up: position 1, PLACED #1 of 42",
                        "projection caught up: position 4, DELIVERED #4 of 42",
                        "projection live: position 5, RETURNED #5 of 42")
                .doesNotContain("not every notification arrived", "not every event arrived");
    }
}
