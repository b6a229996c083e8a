package dev.eventstream.aws.testing.iam;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;

/**
 * Marks the clients a test uses for its own setup and checks (creating topics, deleting tables, reading items
 * behind the store's back), so that {@link IamPolicyCheck} does not hold their requests to an adapter's policy. The
 * mark is an execution attribute of the client, which the SDK hands to every interceptor with each request.
 *
 * <p>A marked client handed to an adapter is still checked for what the adapter sends on it: the sender decides,
 * and the mark only speaks for requests that test code sends itself.
 */
public final class TestOnlyClients {
    /** Present, and true, on every request of a client built with {@link #mark}. */
    public static final ExecutionAttribute<Boolean> TEST_ONLY = new ExecutionAttribute<>("eventstream.TestOnlyClient");

    private TestOnlyClients() {}

    /**
     * {@code builder} with the mark added to the override configuration it already has (retries and interceptors
     * set before stay).
     */
    public static <B extends SdkClientBuilder<B, C>, C> B mark(B builder) {
        requireNonNull(builder, "builder is null");
        ClientOverrideConfiguration current = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder marked =
                current == null ? ClientOverrideConfiguration.builder() : current.toBuilder();
        // Put on a copy: a configuration made by toBuilder() of another holds its attributes unmodifiable.
        ExecutionAttributes attributes = (current == null ? new ExecutionAttributes() : current.executionAttributes())
                .toBuilder().put(TEST_ONLY, Boolean.TRUE).build();
        return builder.overrideConfiguration(marked.executionAttributes(attributes).build());
    }
}
