package dev.eventstream.testkit.fault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP endpoint in front of a real engine: it passes requests through until told to fail them the way
 * an AWS service fails (throttling, server errors in DynamoDB's JSON form) or to be unreachable (nothing listens
 * on its port), so tests see the store's reaction to faults the engine itself cannot be made to produce. It counts
 * the requests it failed.
 */
public final class FaultyEndpoint implements AutoCloseable {
    /** What the endpoint does with the next requests. */
    public enum Mode {
        PASS_THROUGH,
        THROTTLE,
        SERVER_ERROR,
        /** Nothing listens on the port: connections are refused, as when a service cannot be reached. */
        UNREACHABLE
    }

    /** Headers the JDK client sets itself and refuses to take from the caller. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding");

    private final URI target;
    private final int port;
    private @Nullable HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Mode mode = Mode.PASS_THROUGH;

    /** An endpoint on a free loopback port that passes requests through to {@code target}. */
    public FaultyEndpoint(URI target) throws IOException {
        this.target = target;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Switches the behaviour for the requests from now on. */
    public synchronized void mode(Mode mode) {
        if (mode == Mode.UNREACHABLE && server != null) {
            server.stop(0);
            server = null;
        } else if (mode != Mode.UNREACHABLE && server == null) {
            try {
                server = listen(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + " again", e);
            }
        }
        this.mode = mode;
        failed.set(0);
    }

    /** Requests failed since the mode was last set (refused connections are not seen, so not counted). */
    public int failedRequests() {
        return failed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (mode) {
                case THROTTLE -> fail(exchange, 400, "ThrottlingException", "Rate of requests exceeds the limit.");
                case SERVER_ERROR -> fail(exchange, 500, "InternalServerError", "Internal server error");
                case PASS_THROUGH, UNREACHABLE -> forward(exchange, body);
            }
        }
    }

    private void fail(HttpExchange exchange, int status, String code, String message) throws IOException {
        failed.incrementAndGet();
        byte[] json = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer;
        try (InputStream in = response.body()) {
            answer = in.readAllBytes();
        }
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        listening.createContext("/", this::handle);
        listening.start();
        return listening;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
