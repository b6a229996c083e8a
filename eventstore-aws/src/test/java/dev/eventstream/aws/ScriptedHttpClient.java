package dev.eventstream.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that answers each request with the next answer of its script, or fails it as a broken connection
 * would: what a test needs to make the SDK retry, fail or succeed when it chooses, without a server.
 */
final class ScriptedHttpClient implements SdkHttpClient {
    private final Deque<Answer> script = new ArrayDeque<>();
    private int requests;

    /** One answer: an HTTP status and body, or no answer at all ({@code status} 0). */
    private record Answer(int status, String body) {}

    ScriptedHttpClient answer(int status, String body) {
        script.add(new Answer(status, body));
        return this;
    }

    ScriptedHttpClient noAnswer() {
        script.add(new Answer(0, ""));
        return this;
    }

    synchronized int requests() {
        return requests;
    }

    @Override
    public synchronized ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        requests++;
        Answer next = script.isEmpty() ? new Answer(0, "") : script.poll();
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (next.status() == 0) {
                    throw new IOException("connection reset by the script");
                }
                byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(next.status())
                                .putHeader("Content-Length", Integer.toString(body.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public void close() {}
}
