package dev.eventstream.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times each request a client sends, retries included, by operation and by whether it went to the feed table
 * (PutItem of a chunk or a lease, say) or another one: where the time between an append and its delivery goes.
 */
final class RequestTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("benchmarkRequestStarted");

    private final String feedTable;
    private final Map<String, ConcurrentLinkedQueue<Long>> micros = new ConcurrentHashMap<>();

    /** @param feedTable the table whose requests are told apart from the others' */
    RequestTimer(String feedTable) {
        this.feedTable = feedTable;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String key = operation + (touchesFeedTable(context.request()) ? " (feed table)" : "");
        micros.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add((System.nanoTime() - started) / 1000);
    }

    private boolean touchesFeedTable(SdkRequest request) {
        return request.getValueForField("TableName", String.class).map(feedTable::equals).orElse(false);
    }

    /** Each request's round trip so far, in microseconds, sorted, by operation. */
    Map<String, long[]> snapshot() {
        Map<String, long[]> sorted = new TreeMap<>();
        micros.forEach((operation, times) -> sorted.put(operation,
                times.stream().mapToLong(Long::longValue).sorted().toArray()));
        return sorted;
    }

    void reset() {
        micros.clear();
    }
}
