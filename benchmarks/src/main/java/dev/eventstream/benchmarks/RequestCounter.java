package dev.eventstream.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP requests a DynamoDB client sends, by operation (PutItem, Query ...), retries included: each is one
 * request DynamoDB bills. Also counts per thread, so that a benchmark thread can tell how many requests its own
 * operation took: a synchronous client sends on the calling thread.
 */
public final class RequestCounter implements ExecutionInterceptor {
    private static final ThreadLocal<long[]> OF_THREAD = ThreadLocal.withInitial(() -> new long[1]);

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        byOperation.computeIfAbsent(operation == null ? "?" : operation, name -> new LongAdder()).increment();
        OF_THREAD.get()[0]++;
    }

    /** Requests the current thread sent since its previous call of this method. */
    public static long takeOfThread() {
        long[] count = OF_THREAD.get();
        long taken = count[0];
        count[0] = 0;
        return taken;
    }

    /** Requests sent so far, by operation name, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        byOperation.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    /** Requests sent so far, of every operation. */
    public long total() {
        return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void reset() {
        byOperation.clear();
    }
}
