package dev.eventstream.benchmarks;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every request the SDK clients of a cold-start JVM send, in order, as {@code Service:Operation}, retries
 * included. {@link ColdStart} registers it for every client of the timed JVMs through the SDK's global interceptor
 * resource, so the library builds its clients exactly as it would without it.
 */
public final class ColdStartRequests implements ExecutionInterceptor {
    private static final List<String> SENT = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (SENT) {
            SENT.add(service + ":" + operation);
        }
        if (Boolean.getBoolean("bench.coldStartVerbose")) {
            System.err.printf("request %d ms %s:%s on %s%n", System.currentTimeMillis()
                    - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime(), service, operation,
                    Thread.currentThread().getName());
        }
    }

    /** The requests sent so far, in the order they were sent. */
    static List<String> sent() {
        synchronized (SENT) {
            return new ArrayList<>(SENT);
        }
    }
}
