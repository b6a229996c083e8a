package dev.eventstream.testkit.fault;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 request or response read whole off a socket: start line, headers in their order, and the body with
 * its framing (length, chunks, or end of stream) taken off, so it can be written again with a length of its own.
 */
final class HttpMessage {
    /** Headers about the connection or the framing, which each hop sets for itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "content-length", "expect", "te", "trailer", "upgrade");
    private static final int MAX_LINE = 64 * 1024;

    private final String startLine;
    private final List<String[]> headers;
    private final byte[] body;

    private HttpMessage(String startLine, List<String[]> headers, byte[] body) {
        this.startLine = startLine;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The next request on a connection, or null when the client closed it before sending one. An
     * {@code Expect: 100-continue} is answered at once, as the request is read whole anyway.
     */
    static @Nullable HttpMessage readRequest(InputStream in, OutputStream continueTo) throws IOException {
        String startLine = readLineOrEnd(in);
        if (startLine == null) {
            return null;
        }
        List<String[]> headers = readHeaders(in);
        if ("100-continue".equalsIgnoreCase(header(headers, "Expect"))) {
            continueTo.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            continueTo.flush();
        }
        return new HttpMessage(startLine, headers, readBody(in, headers, false));
    }

    /** The answer to {@code request}, read until its end; a response framed by the end of stream reads to it. */
    static HttpMessage readResponse(InputStream in, HttpMessage request) throws IOException {
        String startLine;
        List<String[]> headers;
        do {
            startLine = readLine(in);
            headers = readHeaders(in);
        } while (statusOf(startLine) / 100 == 1);
        int status = statusOf(startLine);
        if (status < 0) {
            throw new IOException("not an HTTP status line: " + startLine);
        }
        boolean bodyless = "HEAD".equals(request.method()) || status == 204 || status == 304;
        return new HttpMessage(startLine, headers, bodyless ? new byte[0] : readBody(in, headers, true));
    }

    String method() {
        return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
    }

    /** The request target as sent, e.g. {@code /} or {@code /?Action=Publish}. */
    String target() {
        String[] parts = startLine.split(" ", 3);
        return parts.length > 1 ? parts[1] : "/";
    }

    int status() {
        return statusOf(startLine);
    }

    @Nullable String header(String name) {
        return header(headers, name);
    }

    /** Whether the sender asked for the connection to close after this message. */
    boolean closesConnection() {
        String connection = header("Connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close")
                || startLine.endsWith("HTTP/1.0") || startLine.startsWith("HTTP/1.0");
    }

    /**
     * The operation a request invokes: the part of {@code X-Amz-Target} after its dot (the JSON protocols, such as
     * DynamoDB's {@code DynamoDB_20120810.PutItem}), else the {@code Action} parameter of a form body or of the
     * query string (the query protocol, such as SNS's {@code Action=Publish}), else method and path.
     */
    String operation() {
        String target = header("X-Amz-Target");
        if (target != null) {
            return target.substring(target.lastIndexOf('.') + 1);
        }
        String action = action(new String(body, StandardCharsets.UTF_8));
        if (action == null) {
            int query = target().indexOf('?');
            action = query < 0 ? null : action(target().substring(query + 1));
        }
        return action != null ? action : method() + " " + target();
    }

    /** Whether the request speaks a JSON protocol, whose errors are JSON too; else errors are XML. */
    boolean isJsonProtocol() {
        return header("X-Amz-Target") != null;
    }

    /** Writes the message with its body's length, and headers of this hop: {@code host} and the connection's. */
    void writeTo(OutputStream out, @Nullable String host, boolean close) throws IOException {
        StringBuilder head = new StringBuilder(startLine).append("\r\n");
        for (String[] header : headers) {
            String name = header[0].toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !(host != null && name.equals("host"))) {
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
        }
        if (host != null) {
            head.append("Host: ").append(host).append("\r\n");
        }
        boolean bodyless = startLine.startsWith("HTTP/") && (status() == 204 || status() == 304);
        if (!bodyless) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: ").append(close ? "close" : "keep-alive").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static @Nullable String action(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The status of a status line, -1 when it is none. */
    private static int statusOf(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length > 1 && statusLine.startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static @Nullable String header(List<String[]> headers, String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    private static List<String[]> readHeaders(InputStream in) throws IOException {
        List<String[]> headers = new ArrayList<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return headers;
    }

    private static byte[] readBody(InputStream in, List<String[]> headers, boolean toEndOfStream) throws IOException {
        String encoding = header(headers, "Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunks(in);
        }
        String length = header(headers, "Content-Length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.trim()));
        }
        return toEndOfStream ? in.readAllBytes() : new byte[0];
    }

    private static byte[] readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                readHeaders(in); // trailers, dropped
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("connection closed inside a chunk");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    /** A CRLF-terminated line of a message. */
    private static String readLine(InputStream in) throws IOException {
        String line = readLineOrEnd(in);
        if (line == null) {
            throw new EOFException("connection closed inside a message");
        }
        return line;
    }

    /** A CRLF-terminated line, or null when the stream ends cleanly before it starts. */
    private static @Nullable String readLineOrEnd(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.length() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }
}
