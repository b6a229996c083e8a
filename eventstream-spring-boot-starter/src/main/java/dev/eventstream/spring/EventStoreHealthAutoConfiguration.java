package dev.eventstream.spring;

import dev.eventstream.api.EventStore;
import dev.eventstream.core.EventPersistence;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link EventStoreHealthIndicator}, named {@code eventStream} in the health endpoint, when Spring Boot's health
 * module is on the class path (spring-boot-starter-actuator brings it; an application without it starts all the
 * same) and {@code management.health.eventstream.enabled} is not false. An application's own bean named
 * {@code eventStreamHealthIndicator} replaces it.
 */
@AutoConfiguration(after = EventStreamAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean({EventStore.class, EventPersistence.class})
public class EventStoreHealthAutoConfiguration {

    // Nested: the condition below comes from the health module, so it is read only once that module is known to be
    // there. On the outer class its condition class would be loaded before the class check could skip it.
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("eventstream")
    static class Indicator {
        @Bean
        @ConditionalOnMissingBean(name = "eventStreamHealthIndicator")
        EventStoreHealthIndicator eventStreamHealthIndicator(EventStore store, EventPersistence persistence,
                EventStreamProperties properties) {
            return new EventStoreHealthIndicator(store, persistence, properties.dynamodb().tableName());
        }
    }
}
