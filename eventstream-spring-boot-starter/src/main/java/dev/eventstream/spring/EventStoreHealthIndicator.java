package dev.eventstream.spring;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventStoreException;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.ClassUtils;

/**
 * The event store's health, cheap enough for every probe: at most one request per check, never a scan or a read
 * of events. Details: {@code persistence} ({@code in-memory}, {@code dynamodb}, or the class of the application's
 * own persistence), for DynamoDB the {@code table} and its {@code tableStatus} (one DescribeTable), and for a
 * {@link DefaultEventStore} the number of {@code parkedStreams} whose notifications are held back (kept in memory
 * by the store). DOWN when DynamoDB cannot be reached or refuses, with the failure's {@code error} type and
 * {@code message}.
 *
 * <p>Parked streams leave the store UP: their events are stored, and only their notifications wait for the relay's
 * next attempt; an alert on {@code parkedStreams} above 0 tells that publishing is failing.
 */
public final class EventStoreHealthIndicator implements HealthIndicator {
    private static final boolean DYNAMODB_PRESENT = ClassUtils.isPresent(
            "dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence",
            EventStoreHealthIndicator.class.getClassLoader());

    private final EventStore store;
    private final EventPersistence persistence;
    private final @Nullable String tableName;

    /**
     * @param store the store whose parked streams are counted, when it is a {@link DefaultEventStore}
     * @param persistence the persistence to check: a DynamoDB one is asked for its table's status
     * @param tableName the events table's name, shown for a DynamoDB persistence; null when not known
     */
    public EventStoreHealthIndicator(EventStore store, EventPersistence persistence, @Nullable String tableName) {
        this.store = requireNonNull(store, "store is null");
        this.persistence = requireNonNull(persistence, "persistence is null");
        this.tableName = tableName;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        try {
            if (DYNAMODB_PRESENT && DynamoDbHealth.isDynamoDb(persistence)) {
                health.withDetail("persistence", "dynamodb");
                if (tableName != null) {
                    health.withDetail("table", tableName);
                }
                health.withDetail("tableStatus", DynamoDbHealth.tableStatus(persistence));
            } else {
                health.withDetail("persistence", kind(persistence));
            }
        } catch (RuntimeException e) {
            health.down().withDetail("error", e.getClass().getName()).withDetail("message", String.valueOf(
                    e.getMessage()));
            if (e instanceof EventStoreException failure) {
                health.withDetail("retryable", failure.isRetryable());
            }
            return health.build();
        }
        if (store instanceof DefaultEventStore defaultStore) {
            health.withDetail("parkedStreams", defaultStore.parkedStreams().size());
        }
        return health.build();
    }

    private static String kind(EventPersistence persistence) {
        return persistence.getClass().getName().equals("dev.eventstream.adapter.inmemory.InMemoryEventPersistence")
                ? "in-memory" : persistence.getClass().getName();
    }

    @Override
    public String toString() {
        return "EventStoreHealthIndicator[" + persistence + "]";
    }
}
