package dev.eventstream.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.inmemory.InMemoryEventBus;
import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.Subscription;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.testkit.ForwardingPersistence;
import dev.eventstream.testkit.RecordingPublisher;
import dev.eventstream.testkit.RecordingSubscriber;
import dev.eventstream.testkit.accounts.AccountEvent;
import dev.eventstream.testkit.accounts.AccountTypes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration in memory: what an application gets with no eventstream property set, and overrides. */
class EventStreamAutoConfigurationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EventStreamAutoConfiguration.class, EventStoreHealthAutoConfiguration.class));

    @Test
    void withoutPropertiesTheStoreIsInMemoryAndReadsBackWhatWasAppended() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(EventStore.class)
                    .hasSingleBean(DefaultEventStore.class)
                    .hasSingleBean(InMemoryEventBus.class);
            assertThat(context.getBean(EventPersistence.class)).isInstanceOf(InMemoryEventPersistence.class);

            EventStore store = context.getBean(EventStore.class);
            store.getEventStream("orders", "1").addEvent("PLACED", Map.of("item", "book"));

            List<RecordedEvent> events = store.getEventStream("orders", "1").getEvents();
            assertThat(events).extracting(RecordedEvent::eventType).containsExactly("PLACED");
            assertThat(events.get(0).payload().get("item").asText()).isEqualTo("book");
        });
    }

    @Test
    void aSubscriberGetsTheEventsAppendedAfterItSubscribed() {
        runner.run(context -> {
            EventStore store = context.getBean(EventStore.class);
            RecordingSubscriber subscriber = new RecordingSubscriber();
            try (Subscription subscription = store.subscribe("orders", subscriber)) {
                RecordedEvent placed = store.getEventStream("orders", "2").addEvent("PLACED", Map.of("n", 1));

                subscriber.awaitEventIds(List.of(placed.eventId()), PATIENCE);
                assertThat(subscriber.firstArrivals()).extracting(RecordedEvent::eventId)
                        .containsExactly(placed.eventId());
            }
        });
    }

    @Test
    void closingTheContextClosesTheStoreWhichClosesItsPorts() {
        ClosingPersistence persistence = new ClosingPersistence();
        runner.withBean("ownPersistence", EventPersistence.class, () -> persistence, bean -> bean.setDestroyMethodName(
                "")).run(context -> assertThat(persistence.closed).isFalse());

        // Spring was told not to close this bean itself: the store did.
        assertThat(persistence.closed).isTrue();
    }

    @Test
    void theApplicationsEventTypesMakeTheStoreTyped() {
        runner.withUserConfiguration(AccountTypesConfiguration.class).run(context -> {
            EventStore store = context.getBean(EventStore.class);
            store.getEventStream("accounts", "a-1").addEvent(new AccountEvent.Opened("Ada", "EUR"));
            store.getEventStream("accounts", "a-1").addEvent(new AccountEvent.Deposited(new BigDecimal("10.00"),
                    "EUR"));

            List<RecordedEvent> events = store.getEventStream("accounts", "a-1").getEvents();
            assertThat(events).extracting(RecordedEvent::eventType).containsExactly("Opened", "Deposited");
            assertThat(events.get(1).event(AccountEvent.class))
                    .isEqualTo(new AccountEvent.Deposited(new BigDecimal("10.00"), "EUR"));
        });
    }

    @Test
    void theApplicationsPersistenceReplacesTheInMemoryOne() {
        runner.withUserConfiguration(OwnPersistence.class).run(context -> {
            assertThat(context).hasSingleBean(EventPersistence.class);
            EventPersistence own = context.getBean(EventPersistence.class);
            assertThat(own).isSameAs(OwnPersistence.PERSISTENCE);

            context.getBean(EventStore.class).getEventStream("orders", "4").addEvent("PLACED", Map.of());

            assertThat(own.read(new StreamKey("orders", "4"), 1, 10)).extracting(RecordedEvent::eventType)
                    .containsExactly("PLACED");
        });
    }

    @Test
    void theApplicationsPublisherReplacesTheInMemoryBus() {
        runner.withUserConfiguration(OwnPublisher.class).run(context -> {
            assertThat(context).doesNotHaveBean(InMemoryEventBus.class).hasSingleBean(EventPublisher.class);
            RecordingPublisher publisher = context.getBean(RecordingPublisher.class);

            RecordedEvent placed = context.getBean(EventStore.class).getEventStream("orders", "5")
                    .addEvent("PLACED", Map.of());

            context.getBean(DefaultEventStore.class).drainPublications(PATIENCE);
            assertThat(publisher.published()).extracting(RecordedEvent::eventId).contains(placed.eventId());
        });
    }

    @Test
    void theApplicationsStoreReplacesOurs() {
        runner.withUserConfiguration(OwnStore.class).run(context -> {
            assertThat(context).hasSingleBean(EventStore.class).doesNotHaveBean("eventStore");
            assertThat(context.getBean(EventStore.class)).isSameAs(context.getBean("ownStore"));
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "eventstream.dynamodb.table-name=ab | eventstream.dynamodb.table-name must be 3 to 255 characters",
        "eventstream.dynamodb.read-capacity-units=5 | eventstream.dynamodb.read-capacity-units and"
                + " eventstream.dynamodb.write-capacity-units must be set together",
        "eventstream.aws.max-retries=21 | eventstream.aws.max-retries must be between 0 and 20, was 21",
        "eventstream.aws.region=Not_A_Region | eventstream.aws.region must be a region name",
        "eventstream.aws.endpoint-url=ftp://host | eventstream.aws.endpoint-url must be an absolute http or https URL",
        "eventstream.sns.topic-arn=orders | eventstream.sns.topic-arn must be an SNS topic ARN",
        "eventstream.sqs.topic-arn=orders | eventstream.sqs.topic-arn must be an SNS topic ARN",
        "eventstream.sqs.wait-time=25s | eventstream.sqs.wait-time must be whole seconds from PT1S to PT20S",
    })
    void aWrongSettingFailsTheStartNamingItsProperty(String property, String message) {
        // read-capacity-units alone is checked only with a table, as every DynamoDB setting is
        String table = property.startsWith("eventstream.dynamodb.read") ? "eventstream.dynamodb.table-name=events"
                : "eventstream.unrelated=1";
        String topic = property.startsWith("eventstream.sqs.wait")
                ? "eventstream.sns.topic-arn=arn:aws:sns:us-east-1:123456789012:orders" : "eventstream.unrelated2=1";
        runner.withPropertyValues(property, table, topic).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Could not bind properties to 'EventStreamProperties'")
                    .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        });
    }

    @Test
    void anHttpClientWhoseArtifactIsMissingFailsTheStartNamingTheProperty() {
        // No request is sent: the client is refused while it is built.
        runner.withPropertyValues("eventstream.dynamodb.table-name=events", "eventstream.aws.region=us-east-1",
                "eventstream.aws.http-client=crt").run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("IllegalStateException: eventstream.aws.http-client CRT needs"
                                + " software.amazon.awssdk:aws-crt-client")
                        .hasRootCauseInstanceOf(ClassNotFoundException.class));
    }

    @Test
    void healthIsUpWithThePersistenceKindAndNoParkedStreams() {
        runner.run(context -> {
            Health health = context.getBean("eventStreamHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("persistence", "in-memory")
                    .containsEntry("parkedStreams", 0)
                    .doesNotContainKey("table");
        });
    }

    @Test
    void healthCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.eventstream.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(EventStore.class).doesNotHaveBean(EventStoreHealthIndicator.class));
    }

    @Test
    void anApplicationWithoutSpringBootsHealthModuleStartsWithoutTheIndicator() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EventStore.class)
                    .doesNotHaveBean("eventStreamHealthIndicator");
            context.getBean(EventStore.class).getEventStream("orders", "6").addEvent("PLACED", Map.of());
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class AccountTypesConfiguration {
        @Bean
        EventTypes accountTypes() {
            return AccountTypes.registry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPersistence {
        static final InMemoryEventPersistence PERSISTENCE = new InMemoryEventPersistence();

        @Bean
        EventPersistence ownPersistence() {
            return PERSISTENCE;
        }
    }

    /** Remembers being closed. */
    static final class ClosingPersistence extends ForwardingPersistence {
        volatile boolean closed;

        ClosingPersistence() {
            super(new InMemoryEventPersistence());
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPublisher {
        @Bean
        RecordingPublisher ownPublisher() {
            return new RecordingPublisher();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean(destroyMethod = "close")
        EventStore ownStore() {
            return new DefaultEventStore(new InMemoryEventPersistence());
        }
    }
}
