package dev.eventstream.examples.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.lambda.LambdaDelivery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The deployment package, after {@code package}: both handlers are started from the jar alone, in a class loader
 * that sees nothing of the build's class path (as Lambda loads a function), by the names their functions are given,
 * from the functions' environment variables, on moto: an order placed by one is indexed into the feed by the other,
 * and notified over SNS.
 */
class FunctionJarIT {
    private static final URI ENDPOINT = FunctionTables.ENDPOINT;

    private final FunctionTables tables = new FunctionTables();
    private final Map<String, String> environment = tables.environment();
    private final SnsClient sns = EmulatorClients.client(SnsClient.builder(), ENDPOINT);
    private final SqsClient sqs = EmulatorClients.client(SqsClient.builder(), ENDPOINT);
    private final List<AutoCloseable> closing = new ArrayList<>(List.of(sns, sqs, tables));
    private URLClassLoader function;

    @BeforeEach
    void loadTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("function.jar"));
        assertThat(jar).exists();
        function = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void closeAndDropTables() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
        function.close();
    }

    @Test
    void theJarHoldsBothHandlersAndOnlyTheHttpClientInUse() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("function.jar"))) {
            assertThat(jar.getEntry("dev/eventstream/examples/lambda/PlaceOrderHandler.class")).isNotNull();
            assertThat(jar.getEntry("dev/eventstream/lambda/FeedIndexerHandler.class")).isNotNull();
            assertThat(jar.getEntry("software/amazon/awssdk/http/apache5/Apache5HttpClient.class")).isNotNull();
            // The SDK's other HTTP clients (Apache 4, Netty) are left out of the package.
            assertThat(jar.getEntry("software/amazon/awssdk/http/apache/ApacheHttpClient.class")).isNull();
            assertThat(jar.getEntry("io/netty/channel/Channel.class")).isNull();
        }
    }

    @Test
    void anOrderPlacedByTheJarsFunctionIsIndexedByTheJarsIndexerAndNotifiedOverSns() throws Exception {
        // given: the topic the function notifies, and a queue that receives its notifications
        String topicArn = sns.createTopic(r -> r.name("orders-" + UUID.randomUUID())).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName("orders-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        Map<String, String> withTopic = new HashMap<>(environment);
        withTopic.put(PlaceOrderHandler.TOPIC_ARN, topicArn);
        Object placeOrder = handler("dev.eventstream.examples.lambda.PlaceOrderHandler", withTopic);

        try {
            // when: the function places an order ...
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            placeOrder.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, lambdaContext())
                    .invoke(placeOrder, new ByteArrayInputStream(
                            PlaceOrderHandlerIT.placeOrder("c-1", "o-1", "book", 2).getBytes(UTF_8)), answer, null);
            // ... and the indexer function, from the same jar, is handed the table's stream
            int records = indexTheStream().apply(environment, tables.streamArn());

            // then
            assertThat(new ObjectMapper().readTree(answer.toByteArray()).get("outcome").asText())
                    .isEqualTo("PLACED");
            assertThat(records).isPositive();
            try (DefaultEventStore store = new DefaultEventStore(new DynamoDbEventPersistence(tables.config))) {
                assertThat(store.readFeed(1, 10)).singleElement().satisfies(entry -> {
                    assertThat(entry.event().stream()).isEqualTo(new StreamKey("orders", "o-1"));
                    assertThat(entry.event().eventType()).isEqualTo("OrderPlaced");
                });
            }
            assertThat(receive(queueUrl)).contains("o-1").contains("OrderPlaced");
        } finally {
            ((AutoCloseable) placeOrder).close();
        }
    }

    /** The indexer's invocation, loaded on top of the jar: the jar's classes first, the tests' Lambda delivery. */
    @SuppressWarnings("unchecked")
    private BiFunction<Map<String, String>, String, Integer> indexTheStream() throws Exception {
        URL[] tests = {
            IndexTheStream.class.getProtectionDomain().getCodeSource().getLocation(),
            LambdaDelivery.class.getProtectionDomain().getCodeSource().getLocation()
        };
        URLClassLoader onTheJar = new URLClassLoader(tests, function);
        closing.add(onTheJar);
        return (BiFunction<Map<String, String>, String, Integer>) onTheJar
                .loadClass(IndexTheStream.class.getName()).getConstructor().newInstance();
    }

    /** The first message the queue receives, waiting at most about 30 s. */
    private String receive(String queueUrl) {
        for (int polls = 0; polls < 15; polls++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)).messages();
            if (!messages.isEmpty()) {
                return messages.get(0).body();
            }
        }
        throw new AssertionError("no notification reached the queue within 30 s");
    }

    /** The handler built as Lambda builds it, from the jar's classes, configured by the function's environment. */
    private Object handler(String className, Map<String, String> variables) throws Exception {
        Class<?> handlerClass = function.loadClass(className);
        assertThat(handlerClass.getClassLoader()).isSameAs(function);
        return handlerClass.getConstructor(Map.class).newInstance(variables);
    }

    private Class<?> lambdaContext() throws ClassNotFoundException {
        return function.loadClass("com.amazonaws.services.lambda.runtime.Context");
    }
}
