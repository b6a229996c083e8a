package dev.eventstream.opentelemetry;

import dev.eventstream.core.telemetry.AwsRequest;
import io.opentelemetry.api.trace.Span;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The AWS requests made within one operation, added up and set on its span once, as it ends: a span attribute set
 * per request would cost an attribute write and a lookup in the span's map for every PutItem or Query.
 * Synchronized because a context that carries the operation to another thread can report requests from there.
 */
final class AwsCalls {
    private static final String DYNAMODB = "DynamoDB";
    private static final String SNS = "SNS";
    private static final String SQS = "SQS";

    private long requests;
    private boolean dynamoDb;
    private final Set<String> tables = new LinkedHashSet<>();
    private boolean capacityReported;
    private double capacity;
    private @Nullable String messagingSystem;

    synchronized void add(AwsRequest request) {
        requests++;
        switch (request.service()) {
            case DYNAMODB -> {
                dynamoDb = true;
                tables.addAll(request.resources());
                if (!request.consumedCapacity().isEmpty()) {
                    capacityReported = true;
                    capacity += request.totalCapacity();
                }
            }
            case SNS -> messagingSystem = SpanAttributes.SNS;
            case SQS -> messagingSystem = SpanAttributes.SQS;
            default -> {
                // Another service's request is counted, with nothing of its own to tell.
            }
        }
    }

    /** Sets what the requests told on {@code span}; nothing when there were none. */
    synchronized void applyTo(Span span) {
        if (requests == 0) {
            return;
        }
        span.setAttribute(SpanAttributes.AWS_REQUESTS, requests);
        if (dynamoDb) {
            span.setAttribute(SpanAttributes.DB_SYSTEM, SpanAttributes.DYNAMODB);
            if (!tables.isEmpty()) {
                span.setAttribute(SpanAttributes.DYNAMODB_TABLES, List.copyOf(tables));
            }
            if (capacityReported) {
                span.setAttribute(SpanAttributes.DYNAMODB_CAPACITY, capacity);
            }
        }
        if (messagingSystem != null) {
            span.setAttribute(SpanAttributes.MESSAGING_SYSTEM, messagingSystem);
        }
    }
}
