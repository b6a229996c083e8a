package dev.eventstream.adapter.sqs;

import dev.eventstream.api.EventStoreUnavailableException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into the store's exceptions, so no AWS type crosses the port: not even as a cause. The AWS
 * error code and message go into the text; the first cause that is not an SDK type is kept as the cause.
 */
final class SqsExceptions {
    private SqsExceptions() {}

    static EventStoreUnavailableException unavailable(String what, SdkException e) {
        return new EventStoreUnavailableException(what + " failed: " + describe(e), firstForeignCause(e));
    }

    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return String.format("%s (HTTP %d): %s", service.awsErrorDetails().errorCode(), service.statusCode(),
                    service.awsErrorDetails().errorMessage());
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static @Nullable Throwable firstForeignCause(Throwable e) {
        Throwable cause = e.getCause();
        while (cause != null && cause.getClass().getName().startsWith("software.amazon.")) {
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return cause;
    }
}
