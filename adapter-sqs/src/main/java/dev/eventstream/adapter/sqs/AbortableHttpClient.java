package dev.eventstream.adapter.sqs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client whose call in progress on a given thread can be aborted from another thread. A long poll blocks in
 * a socket read that an interrupt does not end; aborting the request closes its connection, so closing a
 * subscription need not wait for the poll's whole wait time.
 */
final class AbortableHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate;
    private final Map<Thread, ExecutableHttpRequest> calls = new ConcurrentHashMap<>();

    AbortableHttpClient(SdkHttpClient delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                Thread thread = Thread.currentThread();
                calls.put(thread, prepared);
                try {
                    return prepared.call();
                } finally {
                    calls.remove(thread, prepared);
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    /** Aborts the request {@code thread} is making, if it is making one; its call then fails. */
    void abortCallOf(Thread thread) {
        ExecutableHttpRequest call = calls.get(thread);
        if (call != null) {
            call.abort();
        }
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
