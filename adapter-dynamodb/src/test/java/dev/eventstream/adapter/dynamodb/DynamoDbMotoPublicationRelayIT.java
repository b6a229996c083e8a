package dev.eventstream.adapter.dynamodb;

import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.PublicationRelayContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The delivery guarantee through the DynamoDB outbox on moto: appends succeed while the publisher fails, pending
 * events go out in stream order once it recovers, and a restarted store publishes what the stopped one left.
 */
class DynamoDbMotoPublicationRelayIT extends PublicationRelayContract {
    private final TestEngine moto = TestEngine.moto();
    private final Map<EventPersistence, DynamoDbConfig> tables = new HashMap<>();
    private final List<EventPersistence> opened = new ArrayList<>();

    @Override
    protected EventPersistence createPersistence() {
        return open(moto.newTable());
    }

    @Override
    protected EventPersistence reopen(EventPersistence previous) {
        return open(tables.get(previous));
    }

    private EventPersistence open(DynamoDbConfig table) {
        DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(table);
        tables.put(persistence, table);
        opened.add(persistence);
        return persistence;
    }

    @AfterEach
    void dropTables() {
        opened.forEach(EventPersistence::close);
        tables.values().stream().distinct().forEach(table -> moto.deleteTable(table.tableName()));
    }
}
