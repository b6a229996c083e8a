package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.EventStoreException;
import org.jspecify.annotations.Nullable;

/**
 * DynamoDB refused a request for a reason that repeating it will not fix: access denied, a missing table or index,
 * a request DynamoDB judged invalid. Nothing of the failed append was written. The message names DynamoDB's error
 * code; infrastructure trouble that may pass is reported as
 * {@link dev.eventstream.api.EventStoreUnavailableException} instead.
 */
public final class DynamoDbRejectedException extends EventStoreException {
    public DynamoDbRejectedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
