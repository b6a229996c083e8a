package dev.eventstream.adapter.dynamodb;

/**
 * The contract and the DynamoDB-specific tests on moto, which the test run starts on a free loopback port. Its
 * threaded server lets racing conditional writes both pass; writers in one process never race that way (they take
 * turns per stream), and writers in several processes are tested in {@link DynamoDbWritersInSeveralProcessesIT}
 * on the server that serves one request at a time.
 */
class DynamoDbMotoPersistenceIT extends AbstractDynamoDbPersistenceIT {

    @Override
    protected TestEngine engine() {
        return TestEngine.moto();
    }
}
