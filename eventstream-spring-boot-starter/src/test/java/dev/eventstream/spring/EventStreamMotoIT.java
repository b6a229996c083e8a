package dev.eventstream.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.adapter.sqs.SqsSubscriptionSource;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.Subscription;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.RecordingSubscriber;
import dev.eventstream.testkit.fault.FaultyEndpoint;
import dev.eventstream.testkit.moto.MotoServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The auto-configuration on moto, as an application configures it for AWS: the tables created, SNS notifications
 * reaching a subscriber through an SQS queue, the health indicator UP and DOWN when DynamoDB cannot be reached.
 */
class EventStreamMotoIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static MotoServer moto;
    private static DynamoDbClient dynamoDb;
    private static SnsClient sns;

    private final List<String> tables = new ArrayList<>();

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.shared();
        dynamoDb = EmulatorClients.client(DynamoDbClient.builder(), moto.endpoint());
        sns = EmulatorClients.client(SnsClient.builder(), moto.endpoint());
    }

    @AfterAll
    static void closeClients() {
        dynamoDb.close();
        sns.close();
    }

    @AfterEach
    void dropTables() {
        for (String table : tables) {
            try {
                dynamoDb.deleteTable(r -> r.tableName(table));
            } catch (ResourceNotFoundException alreadyGone) {
                // Nothing to clean up.
            }
        }
    }

    /** An application on AWS at {@code endpoint}: its credentials bean, the region and the endpoint as properties. */
    private static ApplicationContextRunner application(String endpoint) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        EventStreamAutoConfiguration.class, EventStoreHealthAutoConfiguration.class))
                .withBean(AwsCredentialsProvider.class, () -> EmulatorClients.CREDENTIALS)
                .withPropertyValues("eventstream.aws.region=us-east-1", "eventstream.aws.endpoint-url=" + endpoint);
    }

    private String newTableName() {
        String table = "spring-" + UUID.randomUUID();
        tables.add(table);
        tables.add(table + "-feed");
        return table;
    }

    @Test
    void aTableNameStoresTheEventsInDynamoDbCreatingTheTablesWhenAsked() {
        String table = newTableName();

        application(moto.endpoint().toString())
                .withPropertyValues("eventstream.dynamodb.table-name=" + table,
                        "eventstream.dynamodb.create-table=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EventPersistence.class)).isInstanceOf(DynamoDbEventPersistence.class);
                    assertThat(dynamoDb.describeTable(r -> r.tableName(table)).table().tableStatus())
                            .isEqualTo(TableStatus.ACTIVE);
                    assertThat(dynamoDb.describeTable(r -> r.tableName(table + "-feed")).table().tableStatus())
                            .isEqualTo(TableStatus.ACTIVE);

                    EventStore store = context.getBean(EventStore.class);
                    store.getEventStream("orders", "1").addEvent("PLACED", Map.of("item", "book"));

                    assertThat(store.getEventStream("orders", "1").getEvents()).extracting(RecordedEvent::eventType)
                            .containsExactly("PLACED");
                    // in the table itself, not in memory
                    assertThat(dynamoDb.scan(r -> r.tableName(table)).items())
                            .extracting(item -> item.containsKey("type") ? item.get("type").s() : "")
                            .contains("PLACED");
                });
    }

    @Test
    void aMissingTableFailsTheStartNamingThePropertyThatWouldCreateIt() {
        String table = newTableName();

        application(moto.endpoint().toString())
                .withPropertyValues("eventstream.dynamodb.table-name=" + table)
                .run(context -> assertThat(context).getFailure()
                        .rootCause()
                        .hasMessageContaining("DynamoDB table '" + table + "' does not exist")
                        .hasMessageContaining("eventstream.dynamodb.create-table=true"));
    }

    @Test
    void anEventAppendedReachesASubscriberThroughSnsAndSqs() {
        String table = newTableName();
        String topicArn = sns.createTopic(r -> r.name("spring-" + UUID.randomUUID())).topicArn();

        application(moto.endpoint().toString())
                .withPropertyValues(
                        "eventstream.dynamodb.table-name=" + table,
                        "eventstream.dynamodb.create-table=true",
                        "eventstream.sns.topic-arn=" + topicArn,
                        // short polls, so that closing the context does not wait out a long one
                        "eventstream.sqs.wait-time=1s",
                        "eventstream.sqs.queue-name-prefix=spring-test")
                .run(context -> {
                    assertThat(context).hasSingleBean(SnsEventPublisher.class)
                            .hasSingleBean(SqsSubscriptionSource.class);
                    EventStore store = context.getBean(EventStore.class);
                    RecordingSubscriber subscriber = new RecordingSubscriber();
                    try (Subscription subscription = store.subscribe("orders", subscriber)) {
                        RecordedEvent placed = store.getEventStream("orders", "2")
                                .addEvent("PLACED", Map.of("item", "lamp"));

                        subscriber.awaitEventIds(List.of(placed.eventId()), PATIENCE);
                        RecordedEvent delivered = subscriber.firstArrivals().get(0);
                        assertThat(delivered.eventType()).isEqualTo("PLACED");
                        assertThat(delivered.payload().get("item").asText()).isEqualTo("lamp");
                    }
                });
    }

    @Test
    void healthIsUpWithTheTableAndItsStatus() {
        String table = newTableName();

        application(moto.endpoint().toString())
                .withPropertyValues("eventstream.dynamodb.table-name=" + table,
                        "eventstream.dynamodb.create-table=true")
                .run(context -> {
                    Health health = context.getBean("eventStreamHealthIndicator", HealthIndicator.class).health();

                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails())
                            .containsEntry("persistence", "dynamodb")
                            .containsEntry("table", table)
                            .containsEntry("tableStatus", "ACTIVE")
                            .containsEntry("parkedStreams", 0);
                });
    }

    @Test
    void healthIsDownWithTheFailureWhileDynamoDbCannotBeReached() throws IOException {
        String table = newTableName();
        try (FaultyEndpoint endpoint = new FaultyEndpoint(moto.endpoint())) {
            application(endpoint.endpoint().toString())
                    .withPropertyValues(
                            "eventstream.dynamodb.table-name=" + table,
                            "eventstream.dynamodb.create-table=true",
                            // no indexer: it would keep calling the closed port meanwhile
                            "eventstream.dynamodb.feed-mode=off",
                            "eventstream.aws.max-retries=0")
                    .run(context -> {
                        HealthIndicator indicator = context.getBean("eventStreamHealthIndicator",
                                HealthIndicator.class);

                        // when: nothing listens on the port any more
                        endpoint.mode(FaultyEndpoint.Mode.UNREACHABLE);
                        Health down = indicator.health();

                        endpoint.mode(FaultyEndpoint.Mode.PASS_THROUGH);
                        Health upAgain = indicator.health();

                        // then
                        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(down.getDetails())
                                .containsEntry("persistence", "dynamodb")
                                .containsEntry("table", table)
                                .containsEntry("error", EventStoreUnavailableException.class.getName())
                                .containsEntry("retryable", true)
                                .doesNotContainKey("tableStatus");
                        assertThat((String) down.getDetails().get("message"))
                                .contains("describe table " + table);
                        assertThat(upAgain.getStatus()).isEqualTo(Status.UP);
                    });
        }
    }
}
