package dev.eventstream.aws;

import static java.util.Objects.requireNonNull;

import dev.eventstream.core.telemetry.AwsRequest;
import dev.eventstream.core.telemetry.StoreTelemetry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Reports each request an SDK client makes to a {@link StoreTelemetry}, once it is done, its retries included, as
 * one {@link AwsRequest}: the service and operation, the resources and consumed capacity its
 * {@link RequestDetails} read, how many attempts the SDK made, and for a failure its error code and whether it was
 * throttled. {@link AwsClients} adds one to every client whose settings carry a telemetry; a client built
 * elsewhere gets one through {@code overrideConfiguration(o -> o.addExecutionInterceptor(...))}.
 *
 * <p>It never makes a request fail: whatever the details or the telemetry throw is dropped (the first time logged
 * at WARN, then at DEBUG), and the request goes on as if it were not there.
 */
public final class TelemetryInterceptor implements ExecutionInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryInterceptor.class);
    /** Attempts of one execution: the SDK calls {@code beforeTransmission} once per attempt sent. */
    private static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
            new ExecutionAttribute<>("dev.eventstream.aws.TelemetryInterceptor.attempts");
    /** The error code of a request that failed without AWS's answer: it timed out, or the connection broke. */
    static final String NO_ANSWER = "IOException";
    private static final int MAX_CAUSES = 16;
    private static final Map<String, String> SERVICE_IDS = Map.of(
            "DynamoDb", "DynamoDB", "DynamoDbStreams", "DynamoDB Streams", "Sns", "SNS", "Sqs", "SQS");

    private final StoreTelemetry telemetry;
    private final RequestDetails details;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** Reports to {@code telemetry}, with what {@code details} read from each request and response. */
    public TelemetryInterceptor(StoreTelemetry telemetry, RequestDetails details) {
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.details = requireNonNull(details, "details is null");
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(ATTEMPTS, new AtomicInteger());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        try {
            SdkRequest modified = details.modify(request);
            return modified != null ? modified : request;
        } catch (Throwable e) {
            dropped(e);
            return request;
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
        if (attempts != null) {
            attempts.incrementAndGet();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        try {
            SdkRequest request = context.request();
            telemetry.awsRequest(new AwsRequest(service(attributes), operation(attributes), resources(request),
                    attempts(attributes), null, null, consumedCapacity(request, context.response())));
        } catch (Throwable e) {
            dropped(e);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        try {
            Throwable failure = context.exception();
            String errorCode = errorCode(failure);
            telemetry.awsRequest(new AwsRequest(service(attributes), operation(attributes),
                    resources(context.request()), attempts(attributes), errorCode,
                    throttleReason(failure, errorCode), List.of()));
        } catch (Throwable e) {
            dropped(e);
        }
    }

    /** What the details read, or nothing where they fail: the request is still worth reporting. */
    private List<String> resources(@Nullable SdkRequest request) {
        try {
            return request == null ? List.of() : details.resources(request);
        } catch (Throwable e) {
            dropped(e);
            return List.of();
        }
    }

    private List<Double> consumedCapacity(SdkRequest request, SdkResponse response) {
        try {
            return details.consumedCapacity(request, response);
        } catch (Throwable e) {
            dropped(e);
            return List.of();
        }
    }

    /**
     * AWS's error code; {@value #NO_ANSWER} when no answer came (a timeout, a broken or refused connection); the
     * HTTP status of an answer without a code; else the failure's class, such as {@code ApiCallTimeoutException}.
     */
    static String errorCode(Throwable failure) {
        if (failure instanceof AwsServiceException aws) {
            AwsErrorDetails error = aws.awsErrorDetails();
            if (error != null && error.errorCode() != null && !error.errorCode().isBlank()) {
                return error.errorCode();
            }
        }
        if (failure instanceof SdkServiceException service) {
            return "HTTP " + service.statusCode();
        }
        Throwable cause = failure;
        // Bounded, as causes can form a loop.
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return NO_ANSWER;
            }
        }
        return failure.getClass().getSimpleName();
    }

    private @Nullable String throttleReason(Throwable failure, String errorCode) {
        String reason;
        try {
            reason = details.throttleReason(failure);
        } catch (Throwable e) {
            dropped(e);
            reason = null;
        }
        if (reason != null) {
            return reason;
        }
        return failure instanceof SdkServiceException service && service.isThrottlingException() ? errorCode : null;
    }

    /** The service as AWS names it ({@code DynamoDB}), where the SDK's attribute has its class name's spelling. */
    private static String service(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        return service == null ? "unknown" : SERVICE_IDS.getOrDefault(service, service);
    }

    private static String operation(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operation != null ? operation : "unknown";
    }

    /** At least 1: a request that failed before it was sent (no credentials, say) still was one call. */
    private static int attempts(ExecutionAttributes attributes) {
        AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
        return attempts == null ? 1 : Math.max(1, attempts.get());
    }

    /** Drops what failed in reporting; only what leaves the JVM unfit to go on is thrown. */
    private void dropped(Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("Reporting an AWS request to {} failed; requests go on unreported where it fails", telemetry, e);
        } else {
            LOG.debug("Reporting an AWS request to {} failed", telemetry, e);
        }
    }

    @Override
    public String toString() {
        return "TelemetryInterceptor[" + telemetry + "]";
    }
}
