package dev.eventstream.aws.testing.iam;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Fails every request an adapter sends without a permission its IAM policy files grant, before the request leaves
 * the client, with an {@link IamPolicyViolation} naming the action, the resource and the policy files. A test JVM
 * loads it for every SDK client when its classpath holds the resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} naming this class (each AWS adapter module,
 * {@code integration-tests} and {@code examples} keep one in {@code src/test/resources}); users' classpaths never
 * hold it.
 *
 * <p>Who sent a request decides how it is checked ({@link RequestSender}): an adapter's requests are held to the
 * adapter's files in {@code docs/iam} ({@link AdapterPolicies}); test code may only use clients marked with
 * {@link TestOnlyClients}, whose requests are counted but not checked. A request of test code on a client not so
 * marked fails once AWS answered it (not before: a test may probe an adapter's client, which fails on its own if,
 * say, it was closed), so no client escapes the check unseen. Everything is recorded in
 * {@link RecordedRequests}. A refusal is also printed on standard error, since a request sent on a background
 * thread (the relay, an SQS poller) fails that thread rather than the test.
 */
public final class IamPolicyCheck implements ExecutionInterceptor {
    private static final ExecutionAttribute<String> UNMARKED = new ExecutionAttribute<>("eventstream.UnmarkedClient");

    private final Supplier<AdapterPolicies> policies;
    private final Predicate<Class<?>> isTestCode;
    private final RecordedRequests record;

    /** The check of this source tree's policies, as the SDK loads it. */
    public IamPolicyCheck() {
        this(AdapterPolicies::ofThisBuild, RequestSender.TEST_CODE, RecordedRequests.ofThisJvm());
    }

    IamPolicyCheck(Supplier<AdapterPolicies> policies, Predicate<Class<?>> isTestCode, RecordedRequests record) {
        this.policies = requireNonNull(policies, "policies is null");
        this.isTestCode = requireNonNull(isTestCode, "isTestCode is null");
        this.record = requireNonNull(record, "record is null");
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        RequestSender sender = RequestSender.ofCurrentThread(isTestCode);
        String adapter = sender.adapter();
        if (adapter == null) {
            if (Boolean.TRUE.equals(attributes.getAttribute(TestOnlyClients.TEST_ONLY))) {
                record.testOnly(service, operation);
            } else {
                attributes.putAttribute(UNMARKED, service + " " + operation + " was sent by "
                        + (sender.frame() == null ? "no code of this project" : sender.frame())
                        + " on a client not marked test-only: build a test's own clients with"
                        + " EmulatorClients.client(...) or TestOnlyClients.mark(...); what adapters send is held to"
                        + " their policies in docs/iam");
            }
            return;
        }
        AdapterPolicies all;
        try {
            all = policies.get();
        } catch (RuntimeException e) {
            throw refuse("cannot read the adapters' IAM policies to check " + service + " " + operation + ": " + e);
        }
        record.checkedAgainst(all.directory());
        List<IamPolicy> own = all.of(adapter);
        if (own.isEmpty()) {
            throw refuse("adapter " + adapter + " (" + sender.frame() + ") sent " + service + " " + operation
                    + " but has no IAM policy: add " + adapter + ".json to " + all.directory()
                    + " and document it in docs/iam-policies.md");
        }
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        for (Permission permission : Permissions.of(service, operation, context.request(),
                region == null ? "unknown-region" : region.id())) {
            if (!allow(adapter, operation, permission, own)) {
                throw refuse("adapter " + adapter + " (" + sender.frame() + ") needs " + permission + " for "
                        + service + " " + operation + ", which none of its IAM policies allows ("
                        + own.stream().map(IamPolicy::name).collect(Collectors.joining(", ")) + " in "
                        + all.directory() + "): add it there with its reason in docs/iam-policies.md, or do without");
            }
        }
    }

    /**
     * Fails a request that test code sent on a client not marked test-only, once it has succeeded. Until then the
     * sender may be a test probing an adapter's client (that it is closed, say), which fails before AWS answers.
     */
    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String unmarked = attributes.getAttribute(UNMARKED);
        if (unmarked != null) {
            throw refuse(unmarked);
        }
    }

    private boolean allow(String adapter, String operation, Permission permission, List<IamPolicy> own) {
        for (IamPolicy policy : own) {
            Optional<String> statementResource = policy.allowing(permission);
            if (statementResource.isPresent()) {
                record.allowed(adapter, operation, permission, statementResource.get(), policy);
                return true;
            }
        }
        return false;
    }

    private IamPolicyViolation refuse(String message) {
        record.refused(message);
        System.err.println("IAM policy check refused a request: " + message);
        return new IamPolicyViolation(message);
    }
}
