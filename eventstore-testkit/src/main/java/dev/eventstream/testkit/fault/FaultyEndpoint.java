package dev.eventstream.testkit.fault;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP endpoint in front of a real engine that passes requests through until told to fault them, so
 * tests see the store's reaction to faults the engine itself cannot be made to produce: a connection reset before
 * or after the engine did the work, an answer that comes after the client gave up, a server error, throttling, or
 * no service at all.
 *
 * <p>Faults are chosen per request: {@link #fault(int, Fault)} the n-th request from now,
 * {@link #fault(String, int, Fault)} the n-th request of one operation, {@link #faultEvery(String, Fault)} every
 * request of one operation, and {@link #mode(Mode)} every request no other rule picks. The operation of a request
 * is what the SDK invokes: the part of its {@code X-Amz-Target} header after the dot for the JSON protocols
 * (DynamoDB's {@code PutItem}, {@code TransactWriteItems}), else its {@code Action} parameter (SNS's
 * {@code Publish}, {@code PublishBatch}). Every request is recorded with its operation and fault
 * ({@link #exchanges()}), so a test can run an operation once to count its requests, then fault each in turn.
 *
 * <p>It is a proxy at the socket level, speaking HTTP/1.1 on each side: it reads each request whole, forwards it on
 * a connection of its own, reads the answer whole and writes it back with its length. A reset is a close with
 * {@code SO_LINGER} 0, which sends the client a TCP RST.
 */
public final class FaultyEndpoint implements AutoCloseable {
    /** What the endpoint does with every request that no per-request rule picks. */
    public enum Mode {
        PASS_THROUGH,
        /** Each request is answered DynamoDB's {@code ThrottlingException} ({@link Fault#THROTTLING}). */
        THROTTLE,
        /** Each request is answered HTTP 500 ({@link Fault#SERVER_ERROR}). */
        SERVER_ERROR,
        /** Nothing listens on the port: connections are refused, as when a service cannot be reached. */
        UNREACHABLE
    }

    /** What the endpoint does to one request. */
    public enum Fault {
        /** The connection is reset once the request is read; it never reaches the engine. */
        RESET,
        /** The request is forwarded and the engine answers, then the connection is reset: it landed, unheard. */
        DROP_ANSWER,
        /**
         * The request is forwarded and the engine answers, and the answer is held until the client hangs up (its
         * socket timeout), or sent after {@link #LATE_ANSWER_LIMIT} if it does not: it landed, too late.
         */
        LATE_ANSWER,
        /**
         * HTTP 500 {@code InternalServerError} (the query protocol's {@code InternalFailure}); not forwarded.
         */
        SERVER_ERROR,
        /**
         * HTTP 400 {@code ProvisionedThroughputExceededException}, DynamoDB's throttling by a table's capacity (the
         * query protocol's {@code Throttling}); not forwarded.
         */
        THROUGHPUT_EXCEEDED,
        /** HTTP 400 {@code ThrottlingException} (the query protocol's {@code Throttling}); not forwarded. */
        THROTTLING
    }

    /**
     * One request the endpoint saw, in order of arrival.
     *
     * @param operation what the request invoked, such as {@code PutItem} or {@code Publish}
     * @param fault what was done to it; null when it passed through
     */
    public record Exchange(String operation, @Nullable Fault fault) {
        public Exchange {
            requireNonNull(operation, "operation is null");
        }
    }

    /** How long a {@link Fault#LATE_ANSWER} waits for the client to give up before answering after all. */
    public static final Duration LATE_ANSWER_LIMIT = Duration.ofSeconds(60);

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int UPSTREAM_TIMEOUT_MILLIS = 60_000;
    private static final String DYNAMODB_ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final URI target;
    private final InetSocketAddress targetAddress;
    private final int port;
    private final ExecutorService connections = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "faulty-endpoint-connection");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private @Nullable Listener listener;

    // Guarded by this.
    private Mode mode = Mode.PASS_THROUGH;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private int failed;
    private boolean closed;

    /** An endpoint on a free loopback port that passes requests through to {@code target}. */
    public FaultyEndpoint(URI target) throws IOException {
        this.target = requireNonNull(target, "target is null");
        int targetPort = target.getPort() >= 0 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
        this.targetAddress = new InetSocketAddress(target.getHost(), targetPort);
        this.listener = listen(0);
        this.port = listener.socket().getLocalPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Switches what happens to the requests from now on that no rule picks, and starts counting
     * {@link #failedRequests()} anew. {@link Mode#UNREACHABLE} closes the port and resets every open connection;
     * any other mode listens on the same port again.
     */
    public synchronized void mode(Mode mode) {
        requireNonNull(mode, "mode is null");
        ensureOpen();
        if (mode == Mode.UNREACHABLE && listener != null) {
            listener.close();
            listener = null;
            resetAll();
        } else if (mode != Mode.UNREACHABLE && listener == null) {
            try {
                listener = listen(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + " again", e);
            }
        }
        this.mode = mode;
        failed = 0;
    }

    /**
     * Faults the {@code nth} request from now, whatever its operation; 1 is the next one. When several rules pick
     * one request, the one set first applies, and the others are used up.
     */
    public synchronized void fault(int nth, Fault fault) {
        addRule(null, nth, fault);
    }

    /** Faults the {@code nth} request of {@code operation} from now; 1 is the next one. */
    public synchronized void fault(String operation, int nth, Fault fault) {
        addRule(requireNonNull(operation, "operation is null"), nth, fault);
    }

    /** Faults every request of {@code operation} from now, until {@link #clearFaults()}. */
    public synchronized void faultEvery(String operation, Fault fault) {
        addRule(requireNonNull(operation, "operation is null"), 0, fault);
    }

    /** Drops every rule not used up yet; the mode stays. */
    public synchronized void clearFaults() {
        rules.clear();
    }

    /** Requests faulted since the mode was last set, by rules or by the mode (refused connections are not seen). */
    public synchronized int failedRequests() {
        return failed;
    }

    /** Every request seen since the endpoint opened or {@link #forget()} was last called, in order of arrival. */
    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The operations of {@link #exchanges()}, in order of arrival. */
    public synchronized List<String> operations() {
        return exchanges.stream().map(Exchange::operation).toList();
    }

    /** Forgets the requests seen so far; rules, mode and {@link #failedRequests()} stay. */
    public synchronized void forget() {
        exchanges.clear();
    }

    private void addRule(@Nullable String operation, int nth, Fault fault) {
        requireNonNull(fault, "fault is null");
        if (nth < 0 || nth == 0 && operation == null) {
            throw new IllegalArgumentException("nth must be at least 1, was " + nth);
        }
        ensureOpen();
        rules.add(new Rule(operation, nth, fault));
    }

    /** What to do to a request of {@code operation}, recording it. */
    private synchronized @Nullable Fault decide(String operation) {
        Fault chosen = null;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.operation != null && !rule.operation.equals(operation)) {
                continue;
            }
            if (rule.nth == 0 || ++rule.seen == rule.nth) {
                if (rule.nth != 0) {
                    it.remove();
                }
                if (chosen == null) {
                    chosen = rule.fault;
                }
            }
        }
        if (chosen == null) {
            chosen = switch (mode) {
                case PASS_THROUGH -> null;
                case THROTTLE -> Fault.THROTTLING;
                case SERVER_ERROR -> Fault.SERVER_ERROR;
                // A request that got in as the port closed.
                case UNREACHABLE -> Fault.RESET;
            };
        }
        exchanges.add(new Exchange(operation, chosen));
        if (chosen != null) {
            failed++;
        }
        return chosen;
    }

    private Listener listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        Thread acceptor = new Thread(() -> accept(socket), "faulty-endpoint-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return new Listener(socket, acceptor);
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                connections.execute(() -> serve(client));
            } catch (IOException | RejectedExecutionException e) {
                // Closed: by close() or by going unreachable.
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setTcpNoDelay(true);
            PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(client.getInputStream()), 1);
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (true) {
                HttpMessage request = HttpMessage.readRequest(in, out);
                if (request == null) {
                    return;
                }
                Fault fault = decide(request.operation());
                boolean close = request.closesConnection();
                if (fault == Fault.RESET) {
                    reset(client);
                    return;
                }
                if (fault == Fault.SERVER_ERROR || fault == Fault.THROUGHPUT_EXCEEDED || fault == Fault.THROTTLING) {
                    writeError(out, request, fault, close);
                } else {
                    HttpMessage answer = forward(request);
                    if (fault == Fault.DROP_ANSWER || fault == Fault.LATE_ANSWER && !outwaited(client, in)) {
                        reset(client);
                        return;
                    }
                    answer.writeTo(out, null, close);
                }
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client left, or the engine could not be reached: the client sees the connection reset.
            reset(client);
        } finally {
            open.remove(client);
            closeQuietly(client);
        }
    }

    /** The engine's answer to {@code request}, on a connection of its own. */
    private HttpMessage forward(HttpMessage request) throws IOException {
        try (Socket upstream = new Socket()) {
            upstream.connect(targetAddress, CONNECT_TIMEOUT_MILLIS);
            upstream.setSoTimeout(UPSTREAM_TIMEOUT_MILLIS);
            upstream.setTcpNoDelay(true);
            request.writeTo(new BufferedOutputStream(upstream.getOutputStream()), target.getRawAuthority(), true);
            return HttpMessage.readResponse(new BufferedInputStream(upstream.getInputStream()), request);
        }
    }

    /**
     * Waits for the client to give up on its answer: false when it hung up, true when it is still there after
     * {@link #LATE_ANSWER_LIMIT} or sent something else meanwhile.
     */
    private static boolean outwaited(Socket client, PushbackInputStream in) throws IOException {
        client.setSoTimeout((int) LATE_ANSWER_LIMIT.toMillis());
        try {
            int next = in.read();
            if (next < 0) {
                return false;
            }
            in.unread(next);
            return true;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            client.setSoTimeout(0);
        }
    }

    private static void writeError(OutputStream out, HttpMessage request, Fault fault, boolean close)
            throws IOException {
        int status = fault == Fault.SERVER_ERROR ? 500 : 400;
        String body;
        String contentType;
        if (request.isJsonProtocol()) {
            String code = switch (fault) {
                case SERVER_ERROR -> "InternalServerError";
                case THROUGHPUT_EXCEEDED -> "ProvisionedThroughputExceededException";
                default -> "ThrottlingException";
            };
            String target = request.header("X-Amz-Target");
            String type = target != null && target.startsWith("DynamoDB_") ? DYNAMODB_ERROR_PREFIX + code : code;
            body = "{\"__type\":\"" + type + "\",\"message\":\"" + message(fault) + "\"}";
            String requested = request.header("Content-Type");
            contentType = requested != null ? requested : "application/x-amz-json-1.0";
        } else {
            boolean serverError = fault == Fault.SERVER_ERROR;
            body = "<ErrorResponse><Error><Type>" + (serverError ? "Receiver" : "Sender") + "</Type><Code>"
                    + (serverError ? "InternalFailure" : "Throttling") + "</Code><Message>"
                    + message(serverError ? fault : Fault.THROTTLING) + "</Message></Error>"
                    + "<RequestId>faulty-endpoint</RequestId></ErrorResponse>";
            contentType = "text/xml";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + (status == 500 ? " Internal Server Error" : " Bad Request") + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: " + (close ? "close" : "keep-alive") + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static String message(Fault fault) {
        return switch (fault) {
            case SERVER_ERROR -> "Internal server error (injected by the faulty endpoint)";
            case THROUGHPUT_EXCEEDED -> "The level of configured provisioned throughput for the table was exceeded"
                    + " (injected by the faulty endpoint)";
            default -> "Rate of requests exceeds the allowed throughput (injected by the faulty endpoint)";
        };
    }

    /** Closes with {@code SO_LINGER} 0: the peer gets a TCP RST instead of an orderly end. */
    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
        closeQuietly(socket);
    }

    private void resetAll() {
        for (Socket socket : open) {
            reset(socket);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed or broken; nothing depends on it.
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the faulty endpoint on port " + port + " is closed");
        }
    }

    /** Stops listening, resets every open connection and ends the endpoint's threads. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            listener.close();
            listener = null;
        }
        resetAll();
        connections.shutdownNow();
    }

    @Override
    public String toString() {
        return "FaultyEndpoint[" + endpoint() + " -> " + target + "]";
    }

    /** A listening socket and the thread accepting its connections. */
    private record Listener(ServerSocket socket, Thread acceptor) {
        /**
         * Closes the socket and waits for the acceptor to leave {@code accept}: until then the kernel keeps the
         * socket listening, and a connection could still get in after the port was meant to be closed.
         */
        void close() {
            closeQuietly(socket);
            try {
                acceptor.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Faults the {@code nth} request of {@code operation} (any when null) after the rule was set; 0: every. */
    private static final class Rule {
        private final @Nullable String operation;
        private final int nth;
        private final Fault fault;
        private int seen;

        private Rule(@Nullable String operation, int nth, Fault fault) {
            this.operation = operation;
            this.nth = nth;
            this.fault = fault;
        }
    }
}
