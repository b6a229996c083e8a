package dev.eventstream.aws.testing.iam;

/**
 * A request the check refused: an adapter needed a permission its policy files do not grant, or test code sent a
 * request on a client not marked test-only. An {@link AssertionError}, so that the adapters' handling of SDK and
 * runtime exceptions (translating, retrying, logging) passes it on to the test instead of taking it for an AWS
 * failure.
 */
public final class IamPolicyViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    public IamPolicyViolation(String message) {
        super(message);
    }
}
