package dev.eventstream.guice;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import dev.eventstream.core.EventPersistence;
import org.junit.jupiter.api.Test;

class EventStoreModuleTest {

    @Test
    void injectorWithoutAPersistenceFailsNamingTheMissingBinding() {
        // given
        EventStoreModule module = new EventStoreModule();

        // when / then
        assertThatThrownBy(() -> Guice.createInjector(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("No implementation for EventPersistence was bound")
                .hasMessageContaining(EventPersistence.class.getName());
    }
}
