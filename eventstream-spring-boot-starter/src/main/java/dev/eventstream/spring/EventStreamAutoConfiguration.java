package dev.eventstream.spring;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.inmemory.InMemoryEventBus;
import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.sqs.SqsConfig;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventTypes;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.SubscriptionSource;
import dev.eventstream.core.telemetry.StoreTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The event store as a bean, over the adapters the {@link EventStreamProperties} select, as the Guice modules wire
 * them:
 *
 * <ul>
 *   <li>{@link EventPersistence}: DynamoDB when {@code eventstream.dynamodb.table-name} is set, else in memory.
 *   <li>{@link EventPublisher}: SNS when {@code eventstream.sns.topic-arn} is set; in memory without a topic, the
 *       in-memory bus; else none (the store publishes nothing).
 *   <li>{@link SubscriptionSource}: SQS queues on the topic when {@code eventstream.sqs.topic-arn} or
 *       {@code eventstream.sns.topic-arn} is set; in memory without a topic, the in-memory bus; else none
 *       ({@code subscribe} says what is missing).
 *   <li>{@link EventStore}: a {@link DefaultEventStore} of those, typed with the application's {@link EventTypes} bean
 *       when it has one, closed (with the ports it closes) when the context closes.
 *   <li>{@link StoreTelemetry}: the application's bean when it has one, else what
 *       {@link EventStreamTelemetryAutoConfiguration} makes of its {@code MeterRegistry} and {@code OpenTelemetry}
 *       beans; the store and the AWS adapters' clients report to it.
 * </ul>
 *
 * <p>Each bean stands back for the application's own bean of its type ({@code @ConditionalOnMissingBean}). The
 * in-memory bus serves as publisher and subscription source together, so it stands back when the application has
 * either. The AWS clients use the application's {@link AwsCredentialsProvider} bean when it has exactly one, else the
 * SDK's default chain.
 */
@AutoConfiguration
@EnableConfigurationProperties(EventStreamProperties.class)
public class EventStreamAutoConfiguration {

    /** The store over the ports; closing it closes them, and the context closes it before them. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(EventStore.class)
    DefaultEventStore eventStore(EventPersistence persistence, ObjectProvider<EventPublisher> publisher,
            ObjectProvider<SubscriptionSource> subscriptions, ObjectProvider<EventTypes> eventTypes,
            ObjectProvider<StoreTelemetry> telemetry) {
        return DefaultEventStore.builder(persistence)
                .telemetry(telemetry.getIfUnique(StoreTelemetry::none))
                .eventTypes(eventTypes.getIfAvailable(EventTypes::none))
                .publisher(publisher.getIfAvailable(EventPublisher::none))
                .subscriptions(subscriptions.getIfAvailable())
                .build();
    }

    /** Events in memory, and the in-memory bus while no topic is set. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(PropertyConditions.NoDynamoDbTable.class)
    @ConditionalOnClass(name = "dev.eventstream.adapter.inmemory.InMemoryEventPersistence")
    static class InMemory {
        @Bean
        @ConditionalOnMissingBean(EventPersistence.class)
        InMemoryEventPersistence eventStreamInMemoryPersistence() {
            return new InMemoryEventPersistence();
        }

        @Bean
        @Conditional(PropertyConditions.NoTopic.class)
        @ConditionalOnMissingBean({EventPublisher.class, SubscriptionSource.class})
        InMemoryEventBus eventStreamInMemoryBus() {
            return new InMemoryEventBus();
        }
    }

    /** Events in DynamoDB. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(PropertyConditions.DynamoDbTable.class)
    @ConditionalOnClass(name = "dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence")
    static class DynamoDb {
        /** Checks the tables, or creates them with {@code create-table}, before the application starts. */
        @Bean
        @ConditionalOnMissingBean(EventPersistence.class)
        DynamoDbEventPersistence eventStreamDynamoDbPersistence(EventStreamProperties properties,
                ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<StoreTelemetry> telemetry) {
            DynamoDbConfig config = properties.dynamoDbConfig(credentials.getIfUnique(),
                    telemetry.getIfUnique(StoreTelemetry::none)).orElseThrow();
            // The table checks name settings too ("or set createTable=true"), and so does a missing HTTP client.
            return SettingNames.naming(SettingNames.of(SettingNames.AWS, SettingNames.DYNAMODB),
                    () -> DynamoDbEventPersistence.withTablesChecked(new DynamoDbEventPersistence(config)));
        }
    }

    /** Notifications through SNS. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(PropertyConditions.SnsTopic.class)
    @ConditionalOnClass(name = "dev.eventstream.adapter.sns.SnsEventPublisher")
    static class Sns {
        /** Checks that the topic exists before the application starts. */
        @Bean
        @ConditionalOnMissingBean(EventPublisher.class)
        SnsEventPublisher eventStreamSnsPublisher(EventStreamProperties properties,
                ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<StoreTelemetry> telemetry) {
            SnsConfig config = properties.snsConfig(credentials.getIfUnique(),
                    telemetry.getIfUnique(StoreTelemetry::none)).orElseThrow();
            return SettingNames.naming(SettingNames.of(SettingNames.AWS, SettingNames.SNS),
                    () -> new SnsEventPublisher(config));
        }
    }

    /** Subscriptions through SQS queues on the topic. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(PropertyConditions.SqsTopic.class)
    @ConditionalOnClass(name = "dev.eventstream.adapter.sqs.SqsSubscriptionSource")
    static class Sqs {
        /** Reads events whose payload the publisher left out of the message from the persistence. */
        @Bean
        @ConditionalOnMissingBean(SubscriptionSource.class)
        SqsSubscriptionSource eventStreamSqsSubscriptions(EventStreamProperties properties,
                ObjectProvider<AwsCredentialsProvider> credentials, ObjectProvider<EventPersistence> persistence,
                ObjectProvider<StoreTelemetry> telemetry) {
            SqsConfig config = properties.sqsConfig(credentials.getIfUnique(),
                    telemetry.getIfUnique(StoreTelemetry::none)).orElseThrow();
            EventPersistence events = persistence.getIfUnique();
            return SettingNames.naming(SettingNames.AWS, () -> events == null ? new SqsSubscriptionSource(config)
                    : new SqsSubscriptionSource(config, events));
        }
    }
}
