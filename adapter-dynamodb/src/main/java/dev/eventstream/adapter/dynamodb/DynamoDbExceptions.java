package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.EventStoreException;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.aws.AwsFailures;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * Turns the SDK's exceptions into the store's, so no AWS type leaves the adapter, not even as a cause: AWS's error
 * code and message go into the store exception's message. Conditional-check failures never
 * get here: the persistence handles them itself, because only it knows the stream's actual version.
 */
final class DynamoDbExceptions {
    private DynamoDbExceptions() {}

    /**
     * Throttling, server errors, transaction contention and client-side failures (timeouts, refused connections)
     * become the retryable {@link EventStoreUnavailableException}: by the time they get here the SDK has already
     * retried them {@code maxRetries} times. Everything else is a {@link DynamoDbRejectedException}.
     *
     * @param action what the store was doing, e.g. {@code "append to orders/123"}
     */
    static EventStoreException translate(SdkException e, String action) {
        if (isTransient(e)) {
            return new EventStoreUnavailableException(
                    "DynamoDB is unavailable to " + action + ": " + AwsFailures.describe(e),
                    AwsFailures.causeOutsideTheSdk(e));
        }
        return new DynamoDbRejectedException(
                "DynamoDB rejected the request to " + action + ": " + AwsFailures.describe(e),
                AwsFailures.causeOutsideTheSdk(e));
    }

    // DynamoDB reports throttling and transaction contention with HTTP 400, which the common rule does not see.
    private static boolean isTransient(SdkException e) {
        return e instanceof ProvisionedThroughputExceededException
                || e instanceof RequestLimitExceededException
                || e instanceof ThrottlingException
                || e instanceof InternalServerErrorException
                || e instanceof TransactionConflictException
                || e instanceof TransactionInProgressException
                || e instanceof LimitExceededException
                || AwsFailures.isTransient(e);
    }
}
