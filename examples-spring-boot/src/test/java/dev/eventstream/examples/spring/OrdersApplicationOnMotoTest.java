package dev.eventstream.examples.spring;

import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.testkit.moto.MotoServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The application configured for AWS, on moto: events in a DynamoDB table the store creates, notifications through
 * an SNS topic to an SQS queue of the read model. Nothing in the application changes but its properties.
 */
@SpringBootTest
@DirtiesContext
class OrdersApplicationOnMotoTest extends OrdersScenario {
    private static final MotoServer MOTO = MotoServer.shared();

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry properties) {
        String topicArn;
        try (SnsClient sns = EmulatorClients.client(SnsClient.builder(), MOTO.endpoint())) {
            topicArn = sns.createTopic(r -> r.name("orders-" + UUID.randomUUID())).topicArn();
        }
        properties.add("eventstream.aws.endpoint-url", () -> MOTO.endpoint().toString());
        properties.add("eventstream.aws.region", () -> "us-east-1");
        properties.add("eventstream.dynamodb.table-name", () -> "orders-" + UUID.randomUUID());
        properties.add("eventstream.dynamodb.create-table", () -> "true");
        properties.add("eventstream.sns.topic-arn", () -> topicArn);
        // Short long polls, so that closing the context does not wait out a 20-second one.
        properties.add("eventstream.sqs.wait-time", () -> "1s");
    }

    /** Moto takes any credentials; the SDK's default chain would look for real ones. */
    @TestConfiguration
    static class Credentials {
        @Bean
        AwsCredentialsProvider emulatorCredentials() {
            return EmulatorClients.CREDENTIALS;
        }
    }

    @Test
    void anOrderPlacedAndPaidIsStoredInDynamoDbAndReachesTheReadModelThroughSnsAndSqs() {
        anOrderPlacedAndPaidIsStoredIn(DynamoDbEventPersistence.class, Duration.ofSeconds(30));
    }
}
