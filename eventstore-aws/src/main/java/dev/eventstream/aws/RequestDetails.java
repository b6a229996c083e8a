package dev.eventstream.aws;

import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * What one service's requests tell beyond what every AWS request does, for the {@link TelemetryInterceptor} that
 * reports them: the resources a request is about, the capacity its response reports, and what to ask the service
 * for on the way out. An adapter gives its service's ({@code adapter-dynamodb} the tables and consumed capacity);
 * {@link #standard()} knows SNS topics and SQS queues, which needs no service model.
 *
 * <p>Called on every request, from many threads: implementations are cheap and thread-safe. What they throw is
 * ignored (the request goes on unchanged, and is reported without what failed).
 */
public interface RequestDetails {

    /**
     * The request to send in place of {@code request}, e.g. one asking for the capacity it consumes. The default
     * sends it as it is.
     */
    default SdkRequest modify(SdkRequest request) {
        return request;
    }

    /**
     * The names (not ARNs, not URLs) of the resources {@code request} is about, each once, in a stable order: the
     * tables, the topic, the queue; empty when it names none or naming them would cost more than a field read.
     */
    List<String> resources(SdkRequest request);

    /**
     * The capacity units {@code response} reports as consumed, one per resource of {@link #resources} in its order,
     * 0 for a resource it reports nothing for; empty when it reports none. The default: none.
     */
    default List<Double> consumedCapacity(SdkRequest request, SdkResponse response) {
        return List.of();
    }

    /**
     * Why {@code failure} was a throttling, in the service's words (DynamoDB says which table or index ran out of
     * what), or null to leave it to the generic rule: the error code of a failure the SDK takes for throttling. It
     * may also name a throttling the SDK does not take for one, such as a transaction cancelled for throughput.
     */
    default @Nullable String throttleReason(Throwable failure) {
        return null;
    }

    /** The details of SNS and SQS requests: the topic's name from its ARN, the queue's from its URL or name. */
    static RequestDetails standard() {
        return StandardRequestDetails.INSTANCE;
    }
}
