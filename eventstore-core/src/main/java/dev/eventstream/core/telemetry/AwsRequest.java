package dev.eventstream.core.telemetry;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One AWS request as the SDK finished it, its retries included.
 *
 * @param service the SDK's service name ({@code DynamoDB}, {@code SNS}, {@code SQS})
 * @param operation the API operation ({@code PutItem}, {@code PublishBatch}, ...)
 * @param resources the tables, topic or queue it was about, as names (not ARNs, not URLs); maybe empty
 * @param attempts how many attempts the SDK made, at least 1
 * @param errorCode AWS's error code when it failed ({@code ConditionalCheckFailedException}), {@code IOException}
 *     when no answer came, or null when it succeeded
 * @param throttleReason why it was throttled, when it failed by throttling; null otherwise
 * @param consumedCapacity the DynamoDB capacity units it consumed, one figure per table of {@code resources}, in
 *     that order; a single figure when it could not be told per table; empty when none was reported (a failed
 *     request carries none, not even a failed conditional write, which DynamoDB charges)
 */
public record AwsRequest(String service, String operation, List<String> resources, int attempts,
        @Nullable String errorCode, @Nullable String throttleReason, List<Double> consumedCapacity) {
    public AwsRequest {
        requireNonNull(service, "service is null");
        requireNonNull(operation, "operation is null");
        resources = List.copyOf(resources);
        consumedCapacity = List.copyOf(consumedCapacity);
    }

    /** The outcome tag: {@code success}, or the error code. */
    public String outcome() {
        return errorCode == null ? "success" : errorCode;
    }

    /** All capacity units the request consumed. */
    public double totalCapacity() {
        double total = 0;
        for (double units : consumedCapacity) {
            total += units;
        }
        return total;
    }
}
