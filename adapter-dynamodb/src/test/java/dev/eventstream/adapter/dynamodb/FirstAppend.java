package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import java.util.List;
import java.util.Map;

/**
 * With {@code createTable=false} a persistence starts without a request and its first append reports what the
 * table checks found: the tests of those checks start a persistence and append once.
 */
final class FirstAppend {
    private FirstAppend() {}

    /** Starts a persistence on {@code config}, appends one event and closes it. */
    static void startAndAppend(DynamoDbConfig config) {
        try (DynamoDbEventPersistence persistence = new DynamoDbEventPersistence(config)) {
            persistence.append(new StreamKey("orders", "first"), ExpectedVersion.any(),
                    List.of(NewEvent.of("PLACED", Map.of("item", "book"))));
        }
    }
}
