package dev.eventstream.adapter.dynamodb;

/** The contract and the DynamoDB-specific tests on moto, which the test run starts on a free loopback port. */
class DynamoDbMotoPersistenceIT extends AbstractDynamoDbPersistenceIT {

    @Override
    protected TestEngine engine() {
        return TestEngine.moto();
    }

    /**
     * moto checks a condition and then writes, with no lock between, so two requests at once can both pass
     * (moto 5.x {@code Table.put_item}); a cancelled transaction even restores a copy of the whole table taken
     * before it, erasing writes that landed meanwhile ({@code transact_write_items}). DynamoDB does neither.
     * Writers in one process never race this way: the store lets them take turns per stream.
     */
    @Override
    protected boolean conditionalWritesHoldUnderConcurrentRequests() {
        return false;
    }
}
