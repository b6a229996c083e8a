package dev.eventstream.aws;

import dev.eventstream.api.EventStoreUnavailableException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What every AWS adapter does with a failed SDK request: classify it and describe it in the store's exceptions.
 * An adapter adds the errors peculiar to its service (DynamoDB's failed conditions, say) in a small class of its
 * own and leaves the rest to this one.
 */
public final class AwsFailures {
    private AwsFailures() {}

    /**
     * Whether the same request may succeed later: throttling, a server error (HTTP 5xx), or a failure on the
     * client's side (a refused or reset connection, a timeout, an unreadable response). By the time an adapter sees
     * the exception, the SDK has already retried it {@code maxRetries} times.
     */
    public static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    /**
     * AWS's error code, HTTP status and message, such as {@code ResourceNotFoundException (HTTP 400): Requested
     * resource not found}; for a failure without an AWS answer, the exception's type and message.
     */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + "): "
                    + service.awsErrorDetails().errorMessage();
        }
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    /**
     * The retryable store exception for {@code what} having failed, with no AWS type in it, not even as a cause:
     * AWS's error goes into the message, and the first cause that is not an SDK type (say, the
     * {@link java.net.ConnectException}) becomes the cause.
     *
     * @param what what failed, e.g. {@code "SNS publish of event 7 of orders/123"}
     */
    public static EventStoreUnavailableException unavailable(String what, SdkException e) {
        return new EventStoreUnavailableException(what + " failed: " + describe(e), causeOutsideTheSdk(e));
    }

    /**
     * The first cause of {@code e} that is not an SDK type (say, the {@link java.net.ConnectException} under a
     * client failure), or null: what an adapter may chain to its own exception without an AWS type crossing a port.
     */
    public static @Nullable Throwable causeOutsideTheSdk(Throwable e) {
        Throwable cause = e.getCause();
        while (cause != null && cause.getClass().getName().startsWith("software.amazon.")) {
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return cause;
    }
}
