package dev.eventstream.adapter.dynamodb;

import dev.eventstream.aws.RequestDetails;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What the telemetry reads from DynamoDB's requests: the tables they are about, the capacity they consumed (asked
 * for on every item request, see {@link CapacityReports}), and why DynamoDB throttled one.
 */
final class DynamoDbRequestDetails implements RequestDetails {
    static final DynamoDbRequestDetails INSTANCE = new DynamoDbRequestDetails();

    /** The cancellation reasons of a transaction that DynamoDB cancelled for lack of throughput. */
    private static final Set<String> THROTTLED_CANCELLATIONS =
            Set.of("ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private DynamoDbRequestDetails() {}

    @Override
    public SdkRequest modify(SdkRequest request) {
        return CapacityReports.askedForTotal(request);
    }

    @Override
    public List<String> resources(SdkRequest request) {
        return TableNames.of(request);
    }

    @Override
    public List<Double> consumedCapacity(SdkRequest request, SdkResponse response) {
        return CapacityReports.reported(response, TableNames.of(request));
    }

    /**
     * DynamoDB's first throttling reason (such as {@code TableWriteProvisionedThroughputExceeded}), which says what
     * ran out on which table or index; for a transaction cancelled for throughput, its cancellation code.
     */
    @Override
    public @Nullable String throttleReason(Throwable failure) {
        List<ThrottlingReason> reasons = failure instanceof ProvisionedThroughputExceededException e
                && e.hasThrottlingReasons() ? e.throttlingReasons()
                : failure instanceof ThrottlingException e && e.hasThrottlingReasons() ? e.throttlingReasons()
                : failure instanceof RequestLimitExceededException e && e.hasThrottlingReasons()
                        ? e.throttlingReasons() : List.of();
        for (ThrottlingReason reason : reasons) {
            if (reason.reason() != null && !reason.reason().isBlank()) {
                return reason.reason();
            }
        }
        if (failure instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()) {
            return cancelled.cancellationReasons().stream().map(CancellationReason::code)
                    .filter(THROTTLED_CANCELLATIONS::contains).findFirst().orElse(null);
        }
        return null;
    }
}
