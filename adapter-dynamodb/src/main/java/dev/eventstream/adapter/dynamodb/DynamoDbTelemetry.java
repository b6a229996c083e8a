package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.aws.TelemetryInterceptor;
import dev.eventstream.core.telemetry.StoreTelemetry;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The telemetry of a DynamoDB client built elsewhere. A persistence built from a {@link DynamoDbConfig} whose
 * client settings carry a {@link StoreTelemetry} builds its client with it; a client passed to
 * {@link DynamoDbEventPersistence#DynamoDbEventPersistence(software.amazon.awssdk.services.dynamodb.DynamoDbClient,
 * DynamoDbConfig)} reports nothing unless it was built with this interceptor:
 *
 * <pre>{@code
 * DynamoDbClient client = DynamoDbClient.builder()
 *         .overrideConfiguration(o -> o.addExecutionInterceptor(DynamoDbTelemetry.interceptor(telemetry)))
 *         .build();
 * }</pre>
 */
public final class DynamoDbTelemetry {
    private DynamoDbTelemetry() {}

    /**
     * An interceptor that reports each request of the client to {@code telemetry}, with its tables and the capacity
     * it consumed: it asks for {@code ReturnConsumedCapacity=TOTAL} on every item request that does not ask for
     * something else. It never makes a request fail.
     */
    public static ExecutionInterceptor interceptor(StoreTelemetry telemetry) {
        return new TelemetryInterceptor(requireNonNull(telemetry, "telemetry is null"),
                DynamoDbRequestDetails.INSTANCE);
    }
}
