package dev.eventstream.adapter.inmemory;

import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.PublicationRelayContract;

class InMemoryPublicationRelayTest extends PublicationRelayContract {

    @Override
    protected EventPersistence createPersistence() {
        return new InMemoryEventPersistence();
    }

    /** The in-memory storage lives as long as its object: a restarted store reopens the same one. */
    @Override
    protected EventPersistence reopen(EventPersistence previous) {
        return previous;
    }
}
