package dev.eventstream.adapter.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The contract and the DynamoDB-specific tests on LocalStack, started by Testcontainers. Skipped where no Docker
 * engine is available; the same image as the root docker-compose.yml.
 */
@Testcontainers(disabledWithoutDocker = true)
class DynamoDbLocalStackPersistenceIT extends AbstractDynamoDbPersistenceIT {
    @Container
    private static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer("localstack/localstack:4.4").withServices("dynamodb");

    private static TestEngine localStack;

    @BeforeAll
    static void connect() {
        localStack = new TestEngine(LOCALSTACK.getEndpoint());
    }

    @AfterAll
    static void closeClients() {
        if (localStack != null) {
            localStack.close();
        }
    }

    @Override
    protected TestEngine engine() {
        return localStack;
    }
}
