package dev.eventstream.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.eventstream.testkit.fault.FaultyEndpoint.Exchange;
import dev.eventstream.testkit.fault.FaultyEndpoint.Fault;
import dev.eventstream.testkit.fault.FaultyEndpoint.Mode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faulty endpoint in front of a small HTTP server that echoes what reaches it. */
class FaultyEndpointTest {
    private static final String PUT_ITEM = "DynamoDB_20120810.PutItem";
    private static final String GET_ITEM = "DynamoDB_20120810.GetItem";
    private static final String DYNAMODB_ERROR = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#";

    private final List<String> arrived = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer engine;
    private FaultyEndpoint endpoint;

    @BeforeEach
    void startEngineBehindTheEndpoint() throws IOException {
        engine = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        engine.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrived.add(body);
            byte[] answer = ("echo:" + body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        engine.start();
        endpoint = new FaultyEndpoint(URI.create("http://127.0.0.1:" + engine.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        endpoint.close();
        engine.stop(0);
    }

    @Test
    void passesRequestsThroughAndRecordsTheirOperations() throws Exception {
        // when
        HttpResponse<String> json = send(PUT_ITEM, "{\"a\":1}");
        HttpResponse<String> query = sendForm("Action=Publish&TopicArn=t");

        // then
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("echo:{\"a\":1}");
        assertThat(query.body()).isEqualTo("echo:Action=Publish&TopicArn=t");
        assertThat(endpoint.exchanges())
                .containsExactly(new Exchange("PutItem", null), new Exchange("Publish", null));
        assertThat(endpoint.failedRequests()).isZero();
    }

    @Test
    void forwardsAChunkedRequestBodyWhole() throws Exception {
        // given
        byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = request(PUT_ITEM)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        // when
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.body()).hasSize(100_000 + "echo:".length());
        assertThat(arrived).containsExactly(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void aResetRequestNeverReachesTheEngine() throws Exception {
        // given
        endpoint.fault(1, Fault.RESET);

        // when / then
        assertThatThrownBy(() -> send(PUT_ITEM, "first")).isInstanceOf(IOException.class);
        assertThat(arrived).isEmpty();
        assertThat(send(PUT_ITEM, "second").body()).isEqualTo("echo:second");
        assertThat(endpoint.exchanges()).extracting(Exchange::fault).containsExactly(Fault.RESET, null);
    }

    @Test
    void aDroppedAnswerLeavesTheRequestDoneButUnheard() {
        // given
        endpoint.fault(1, Fault.DROP_ANSWER);

        // when / then
        assertThatThrownBy(() -> send(PUT_ITEM, "landed")).isInstanceOf(IOException.class);
        assertThat(arrived).containsExactly("landed");
    }

    @Test
    void aLateAnswerOutlastsTheClientsTimeoutAfterTheRequestWasDone() {
        // given
        endpoint.fault(1, Fault.LATE_ANSWER);
        HttpRequest request = request(PUT_ITEM).timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString("slow")).build();

        // when / then
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(arrived).containsExactly("slow");
    }

    @Test
    void errorAnswersAreInDynamoDbsJsonFormAndNeverForwarded() throws Exception {
        // given
        endpoint.fault(1, Fault.SERVER_ERROR);
        endpoint.fault(2, Fault.THROUGHPUT_EXCEEDED);
        endpoint.fault(3, Fault.THROTTLING);

        // when
        HttpResponse<String> serverError = send(PUT_ITEM, "1");
        HttpResponse<String> throughput = send(PUT_ITEM, "2");
        HttpResponse<String> throttling = send(PUT_ITEM, "3");

        // then
        assertThat(serverError.statusCode()).isEqualTo(500);
        assertThat(serverError.body()).startsWith(DYNAMODB_ERROR + "InternalServerError\"");
        assertThat(throughput.statusCode()).isEqualTo(400);
        assertThat(throughput.body()).startsWith(DYNAMODB_ERROR + "ProvisionedThroughputExceededException\"");
        assertThat(throttling.statusCode()).isEqualTo(400);
        assertThat(throttling.body()).startsWith(DYNAMODB_ERROR + "ThrottlingException\"");
        assertThat(arrived).isEmpty();
        assertThat(endpoint.failedRequests()).isEqualTo(3);
    }

    @Test
    void errorAnswersToTheQueryProtocolAreXml() throws Exception {
        // given
        endpoint.fault(1, Fault.THROTTLING);

        // when
        HttpResponse<String> response = sendForm("Action=Publish");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>Throttling</Code>");
    }

    @Test
    void faultsTheNthRequestOfOneOperationOnly() throws Exception {
        // given
        endpoint.fault("PutItem", 2, Fault.SERVER_ERROR);

        // when
        List<Integer> statuses = List.of(send(GET_ITEM, "").statusCode(), send(PUT_ITEM, "").statusCode(),
                send(GET_ITEM, "").statusCode(), send(PUT_ITEM, "").statusCode(), send(PUT_ITEM, "").statusCode());

        // then
        assertThat(statuses).containsExactly(200, 200, 200, 500, 200);
        assertThat(endpoint.operations()).containsExactly("GetItem", "PutItem", "GetItem", "PutItem", "PutItem");
        assertThat(endpoint.exchanges().get(3)).isEqualTo(new Exchange("PutItem", Fault.SERVER_ERROR));
    }

    @Test
    void faultsEveryRequestOfOneOperationUntilCleared() throws Exception {
        // given
        endpoint.faultEvery("PutItem", Fault.THROTTLING);

        // when / then
        assertThat(send(PUT_ITEM, "").statusCode()).isEqualTo(400);
        assertThat(send(GET_ITEM, "").statusCode()).isEqualTo(200);
        assertThat(send(PUT_ITEM, "").statusCode()).isEqualTo(400);
        endpoint.clearFaults();
        assertThat(send(PUT_ITEM, "").statusCode()).isEqualTo(200);
    }

    @Test
    void aModeAppliesToEveryRequestNoRulePicks() throws Exception {
        // given
        endpoint.mode(Mode.SERVER_ERROR);
        endpoint.fault(2, Fault.THROTTLING);

        // when / then
        assertThat(send(PUT_ITEM, "").statusCode()).isEqualTo(500);
        assertThat(send(PUT_ITEM, "").statusCode()).isEqualTo(400);
        assertThat(endpoint.failedRequests()).isEqualTo(2);
        endpoint.mode(Mode.PASS_THROUGH);
        assertThat(send(PUT_ITEM, "").statusCode()).isEqualTo(200);
        assertThat(endpoint.failedRequests()).isZero();
    }

    @Test
    void anUnreachableEndpointRefusesConnectionsUntilItListensAgainOnTheSamePort() throws Exception {
        // given
        assertThat(send(PUT_ITEM, "before").statusCode()).isEqualTo(200);

        // when
        endpoint.mode(Mode.UNREACHABLE);

        // then: a new connection is refused (a pooled one was reset, which the client may see only when using it)
        HttpClient newClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThatThrownBy(() -> newClient.send(request(PUT_ITEM).POST(HttpRequest.BodyPublishers.ofString("down"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> send(PUT_ITEM, "while down")).isInstanceOf(IOException.class);
        endpoint.mode(Mode.PASS_THROUGH);
        assertThat(send(PUT_ITEM, "after").body()).isEqualTo("echo:after");
    }

    @Test
    void rejectsANthBelowOne() {
        assertThatThrownBy(() -> endpoint.fault(0, Fault.RESET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nth must be at least 1, was 0");
    }

    private HttpRequest.Builder request(String amzTarget) {
        return HttpRequest.newBuilder(endpoint.endpoint().resolve("/"))
                .header("X-Amz-Target", amzTarget)
                .header("Content-Type", "application/x-amz-json-1.0");
    }

    private HttpResponse<String> send(String amzTarget, String body) throws IOException, InterruptedException {
        return client.send(request(amzTarget).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendForm(String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(endpoint.endpoint().resolve("/"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
