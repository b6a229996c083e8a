package dev.eventstream.examples.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.lambda.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The function as Lambda runs it, configured by its environment, invoked with JSON, on tables made beforehand (by
 * the infrastructure, here by a store with {@code createTable=true}), on moto.
 */
class PlaceOrderHandlerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final FunctionTables tables = new FunctionTables();

    @AfterEach
    void closeAndDropTables() throws Exception {
        closing.add(tables);
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    @Test
    void aCommandAppendsItsEventWithTheCommandAsCorrelation() throws IOException {
        // when
        JsonNode answer = invoke(coldStart(tables.config.tableName()), placeOrder("c-1", "o-1", "book", 2));

        // then
        assertThat(answer).isEqualTo(JSON.readTree("{\"orderId\":\"o-1\",\"outcome\":\"PLACED\",\"version\":1}"));
        List<RecordedEvent> stored = reader().getEventStream("orders", "o-1").getEvents();
        assertThat(stored).singleElement().satisfies(placed -> {
            assertThat(placed.event()).isEqualTo(new OrderPlaced("book", 2));
            assertThat(placed.metadata().correlationId()).isEqualTo("c-1");
        });
    }

    @Test
    void aCommandRunAgainAppendsNothingMoreAndAnswersAsBefore() throws IOException {
        // given
        PlaceOrderHandler function = coldStart(tables.config.tableName());
        JsonNode first = invoke(function, placeOrder("c-1", "o-1", "book", 2));

        // when: Lambda retries the invocation, in this execution environment and in a new one
        JsonNode again = invoke(function, placeOrder("c-1", "o-1", "book", 2));
        JsonNode elsewhere = invoke(coldStart(tables.config.tableName()), placeOrder("c-1", "o-1", "book", 2));

        // then
        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isEqualTo(first);
        assertThat(reader().getEventStream("orders", "o-1").getEvents()).hasSize(1);
    }

    @Test
    void anotherCommandForAPlacedOrderIsAnsweredAlreadyPlacedAndAppendsNothing() throws IOException {
        // given
        PlaceOrderHandler function = coldStart(tables.config.tableName());
        invoke(function, placeOrder("c-1", "o-1", "book", 2));

        // when
        JsonNode answer = invoke(function, placeOrder("c-2", "o-1", "pen", 5));

        // then
        assertThat(answer.get("outcome").asText()).isEqualTo("ALREADY_PLACED");
        assertThat(answer.get("version").asLong()).isEqualTo(1);
        assertThat(reader().getEventStream("orders", "o-1").getEvents()).singleElement()
                .satisfies(placed -> assertThat(placed.event()).isEqualTo(new OrderPlaced("book", 2)));
    }

    @Test
    void anInvalidCommandFailsTheInvocationNamingTheFieldAndAppendsNothing() {
        PlaceOrderHandler function = coldStart(tables.config.tableName());

        assertThatThrownBy(() -> invoke(function, "{\"commandId\":\"c-1\",\"orderId\":\"o-1\",\"quantity\":2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item must be a string, was missing");
        assertThatThrownBy(() -> invoke(function, "{\"commandId\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the command is not valid JSON:");
        assertThat(reader().getAggregations(0, 10)).isEmpty();
    }

    @Test
    void aMissingTableFailsTheFirstInvocationNamingIt() {
        // given: a start sends no request, so it cannot know yet
        PlaceOrderHandler function = coldStart("no-such-table");

        // then
        assertThatThrownBy(() -> invoke(function, placeOrder("c-1", "o-1", "book", 2)))
                .hasMessageContaining("no-such-table");
    }

    @Test
    void anEnvironmentWithoutTheTableNameIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> new PlaceOrderHandler(
                Map.of(FunctionEnvironment.ENDPOINT_URL, FunctionTables.ENDPOINT.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FunctionEnvironment.TABLE_NAME);
    }

    /** The handler as Lambda builds it in a new execution environment. Credentials: the SDK's default chain. */
    private PlaceOrderHandler coldStart(String tableName) {
        Map<String, String> environment = tables.environment();
        environment.put(FunctionEnvironment.TABLE_NAME, tableName);
        environment.put(FunctionEnvironment.FEED_TABLE_NAME, tables.config.feedTableName());
        PlaceOrderHandler function = new PlaceOrderHandler(environment);
        closing.add(function);
        return function;
    }

    private DefaultEventStore reader() {
        DefaultEventStore store = DefaultEventStore.builder(new DynamoDbEventPersistence(tables.config))
                .eventTypes(PlaceOrderHandler.EVENT_TYPES).build();
        closing.add(store);
        return store;
    }

    static String placeOrder(String commandId, String orderId, String item, int quantity) {
        return JSON.createObjectNode().put("commandId", commandId).put("orderId", orderId).put("item", item)
                .put("quantity", quantity).toString();
    }

    private static JsonNode invoke(PlaceOrderHandler function, String command) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        function.handleRequest(new ByteArrayInputStream(command.getBytes(UTF_8)), output, null);
        return JSON.readTree(output.toByteArray());
    }
}
