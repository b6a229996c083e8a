package dev.eventstream.adapter.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract and the DynamoDB-specific tests on moto, which the test run starts on a free loopback port. */
class DynamoDbMotoPersistenceIT extends AbstractDynamoDbPersistenceIT {
    private static TestEngine moto;

    @BeforeAll
    static void startMoto() {
        moto = TestEngine.moto();
    }

    @AfterAll
    static void closeClients() {
        if (moto != null) {
            moto.close();
        }
    }

    @Override
    protected TestEngine engine() {
        return moto;
    }
}
