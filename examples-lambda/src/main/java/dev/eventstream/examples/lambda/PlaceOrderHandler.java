package dev.eventstream.examples.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.adapter.dynamodb.DynamoDbConfig;
import dev.eventstream.adapter.dynamodb.DynamoDbEventPersistence;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.lambda.FunctionEnvironment;
import dev.eventstream.lambda.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An AWS Lambda function that places orders (handler
 * {@code dev.eventstream.examples.lambda.PlaceOrderHandler::handleRequest}): a {@link PlaceOrder} command in, as
 * JSON, an {@link OrderPlaced} event appended to stream {@code orders/<orderId>}, and the outcome out:
 * {@code {"orderId":"o-1","outcome":"PLACED","version":1}}, or {@code "ALREADY_PLACED"} when another command placed
 * that order first. An invalid command fails the invocation with an {@link IllegalArgumentException} naming the
 * field, and nothing is appended.
 *
 * <p>The store is built once per execution environment, in the constructor, on tables and a topic the
 * infrastructure made: {@code createTable=false} and {@code checkTopicAtStart=false}, so a cold start sends no
 * request before the first invocation (docs/lambda.md). The feed is indexed by {@code FeedIndexerHandler}, served
 * from the same jar ({@code feedMode EXTERNAL}); notifications go to SNS from the feed.
 *
 * <p>Retries: the event's id is derived from the command's id, and the append expects no stream, so an invocation
 * Lambda (or the caller) runs again appends nothing more and answers as the first did.
 */
public final class PlaceOrderHandler implements RequestStreamHandler, AutoCloseable {
    /** The SNS topic notified of every event; unset, the function publishes nothing. */
    public static final String TOPIC_ARN = "EVENTSTREAM_SNS_TOPIC_ARN";
    static final String AGGREGATION = "orders";
    static final EventTypes EVENT_TYPES = EventTypes.builder().register(OrderPlaced.class).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DefaultEventStore store;

    /** The function as Lambda builds it, configured from its environment variables. */
    public PlaceOrderHandler() {
        this(System.getenv());
    }

    /**
     * The function configured from {@code environment}: the variables of {@link FunctionEnvironment} (the events
     * table, its region and endpoint) and {@value #TOPIC_ARN}.
     *
     * @throws IllegalArgumentException when a variable is missing or invalid, naming it
     */
    public PlaceOrderHandler(Map<String, String> environment) {
        this(store(environment));
        SnapStartPriming.register(store);
    }

    /** The function on {@code store}, which must use {@link #EVENT_TYPES}. */
    PlaceOrderHandler(DefaultEventStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    private static DefaultEventStore store(Map<String, String> environment) {
        DynamoDbConfig events = FunctionEnvironment.config(environment);
        DefaultEventStore.Builder store = DefaultEventStore.builder(new DynamoDbEventPersistence(events))
                .eventTypes(EVENT_TYPES);
        String topicArn = environment.get(TOPIC_ARN);
        if (topicArn != null && !topicArn.isBlank()) {
            store.publisher(new SnsEventPublisher(SnsConfig.builder(topicArn.trim())
                    // An emulator serves SNS where it serves DynamoDB; on AWS the endpoint is unset.
                    .endpointUrl(events.clientSettings().endpointUrl())
                    .checkTopicAtStart(false)
                    .build()));
        }
        return store.build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, @Nullable Context context) throws IOException {
        PlaceOrder command = PlaceOrder.from(read(input));
        ObjectNode answer = JSON.createObjectNode().put("orderId", command.orderId());
        try {
            answer.put("outcome", "PLACED").put("version", place(command).version());
        } catch (WrongExpectedVersionException placedBefore) {
            answer.put("outcome", "ALREADY_PLACED").put("version", placedBefore.actualVersion());
        }
        output.write(JSON.writeValueAsBytes(answer));
    }

    private AppendResult place(PlaceOrder command) {
        UUID eventId = UUID.nameUUIDFromBytes(("PlaceOrder:" + command.commandId()).getBytes(UTF_8));
        NewEvent placed = EVENT_TYPES.newEvent(eventId, new OrderPlaced(command.item(), command.quantity()),
                EventMetadata.correlatedWith(command.commandId()));
        return store.getEventStream(AGGREGATION, command.orderId()).append(ExpectedVersion.noStream(), List.of(placed));
    }

    private static JsonNode read(InputStream input) throws IOException {
        try {
            return JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the command is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Publishes what is pending for a bounded time and releases the clients; Lambda itself never calls it. */
    @Override
    public void close() {
        store.close();
    }
}
