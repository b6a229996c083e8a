package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventStore;
import dev.eventstream.api.RecordedEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DefaultEventStoreCloseTest {
    private final AtomicInteger persistenceCloses = new AtomicInteger();
    private final EventPersistence persistence = new TestPersistence() {
        @Override
        public void close() {
            persistenceCloses.incrementAndGet();
        }
    };

    @Test
    void storeHeldAsEventStoreClosesInTryWithResourcesAndClosesItsPortsOnce() {
        AtomicInteger publisherCloses = new AtomicInteger();
        EventPublisher publisher = publisherClosing(publisherCloses::incrementAndGet);

        EventStore held;
        try (EventStore store = DefaultEventStore.builder(persistence).publisher(publisher).build()) {
            held = store;
        }
        // A container that closes the beans it was given closes the store a second time.
        held.close();

        assertThat(persistenceCloses).hasValue(1);
        assertThat(publisherCloses).hasValue(1);
    }

    @Test
    void portThatFailsToCloseDoesNotKeepTheOthersOpen() {
        EventPublisher failing = publisherClosing(() -> {
            throw new IllegalStateException("publisher already gone");
        });

        DefaultEventStore.builder(persistence).publisher(failing).build().close();

        assertThat(persistenceCloses).hasValue(1);
    }

    private static EventPublisher publisherClosing(Runnable onClose) {
        return new EventPublisher() {
            @Override
            public void publish(List<RecordedEvent> events) {}

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
