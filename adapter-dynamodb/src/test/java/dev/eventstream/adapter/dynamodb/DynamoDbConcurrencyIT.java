package dev.eventstream.adapter.dynamodb;

import static dev.eventstream.adapter.dynamodb.ConcurrentWriters.WRITERS;
import static dev.eventstream.adapter.dynamodb.ConcurrentWriters.assertEveryEventStoredOnceInOrder;
import static dev.eventstream.adapter.dynamodb.ConcurrentWriters.assertExactWritersLostNothing;
import static dev.eventstream.adapter.dynamodb.ConcurrentWriters.runConcurrently;

import dev.eventstream.adapter.dynamodb.ConcurrentWriters.ExactWriter;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Eight threads of one process on one stream, on moto. Writers in several processes, which only DynamoDB's
 * conditional writes keep apart, are tested in {@link DynamoDbWritersInSeveralProcessesIT}, on the moto server
 * that serves one request at a time (the conditions of moto's threaded server do not hold under concurrent
 * requests).
 */
class DynamoDbConcurrencyIT {
    private static final int APPENDS = 50;

    private final TestEngine moto = TestEngine.moto();
    private DynamoDbConfig table;
    private DefaultEventStore store;

    @BeforeEach
    void openStore() {
        table = moto.newTable();
        store = new DefaultEventStore(new DynamoDbEventPersistence(table));
    }

    @AfterEach
    void dropTable() {
        store.close();
        moto.deleteTable(table.tableName());
    }

    @Test
    void eightThreadsAppendingWithAnyVersionLeaveEveryEventNumberedOneToFourHundred() {
        // given
        EventStream stream = store.getEventStream("orders", "any-1");

        // when
        List<List<RecordedEvent>> written =
                runConcurrently(worker -> ConcurrentWriters.appendAny(stream, worker, APPENDS));

        // then
        assertEveryEventStoredOnceInOrder(stream, written, WRITERS * APPENDS);
    }

    @Test
    void eightThreadsAppendingAtExactVersionsAreToldEveryConflictAndLoseNothing() {
        // given
        EventStream stream = store.getEventStream("orders", "exact-1");

        // when
        List<ExactWriter> writers = runConcurrently(worker -> new ExactWriter(stream).append(worker, APPENDS));

        // then
        assertExactWritersLostNothing(stream, writers, WRITERS * APPENDS);
    }
}
