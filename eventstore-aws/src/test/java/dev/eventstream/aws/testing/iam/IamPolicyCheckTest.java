package dev.eventstream.aws.testing.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.eventstream.adapter.sns.SnsAdapterFixture;
import dev.eventstream.aws.AwsClients;
import dev.eventstream.aws.testing.EmulatorClients;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * The check against the real policy files in {@code docs/iam}, on real SDK clients. Nothing listens at the
 * endpoint: a request the check lets through fails with a connection error, one it refuses never gets that far.
 */
class IamPolicyCheckTest {
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:orders";

    private final RecordedRequests record = new RecordedRequests();

    @Test
    void anAdapterRequestOutsideItsPolicyIsRefusedBeforeItIsSent() {
        // given
        try (SnsClient sns = client(AdapterPolicies::ofThisBuild)) {
            // when
            Throwable refused = catchThrowable(() -> SnsAdapterFixture.deleteTopic(sns, TOPIC));

            // then
            assertThat(refused).isInstanceOf(IamPolicyViolation.class)
                    .hasMessageContaining("adapter sns (dev.eventstream.adapter.sns.SnsAdapterFixture")
                    .hasMessageContaining("needs sns:DeleteTopic on " + TOPIC)
                    .hasMessageContaining("sns-publisher.json");
            assertThat(record.refusals()).singleElement().asString().contains("sns:DeleteTopic");
        }
    }

    @Test
    void anAdapterRequestTheAdaptersPolicyAllowsIsSent() {
        // given
        try (SnsClient sns = client(AdapterPolicies::ofThisBuild)) {
            // when: the check the publisher makes of its topic at start
            Throwable failure = catchThrowable(() -> SnsAdapterFixture.getTopicAttributes(sns, TOPIC));

            // then: it reached the network
            assertThat(failure).isInstanceOf(SdkClientException.class);
            assertThat(record.refusals()).isEmpty();
            assertThat(record.report()).contains("sns\tGetTopicAttributes\tsns:GetTopicAttributes\t"
                    + "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${TopicName}\tsns-publisher.json\t1");
        }
    }

    @Test
    void aBatchPublishNeedsThePublishPermission() {
        // given
        try (SnsClient sns = client(AdapterPolicies::ofThisBuild)) {
            // when
            Throwable failure = catchThrowable(() -> SnsAdapterFixture.publishBatch(sns, TOPIC));

            // then
            assertThat(failure).isInstanceOf(SdkClientException.class);
            assertThat(record.report()).contains("sns\tPublishBatch\tsns:Publish\t");
        }
    }

    @Test
    void testCodeOnAClientNotMarkedTestOnlyIsRefusedOnceAnswered() throws IOException {
        // given: an endpoint that answers ListTopics
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("<ListTopicsResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<ListTopicsResult><Topics/></ListTopicsResult></ListTopicsResponse>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (SnsClient sns = builder(AdapterPolicies::ofThisBuild).endpointOverride(endpoint).build()) {
            // then
            assertThatThrownBy(sns::listTopics)
                    .isInstanceOf(IamPolicyViolation.class)
                    .hasMessageContaining("Sns ListTopics was sent by " + IamPolicyCheckTest.class.getName())
                    .hasMessageContaining("not marked test-only");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void testCodeProbingAClientThatFailsOnItsOwnSeesItsFailure() {
        // given
        SnsClient closed = client(AdapterPolicies::ofThisBuild);
        closed.close();

        // then
        assertThatThrownBy(closed::listTopics).isNotInstanceOf(IamPolicyViolation.class);
        assertThat(record.refusals()).isEmpty();
    }

    @Test
    void testCodeOnATestOnlyClientIsCountedButNotChecked() {
        // given
        try (SnsClient sns = TestOnlyClients.mark(builder(AdapterPolicies::ofThisBuild)).build()) {
            // when
            Throwable failure = catchThrowable(() -> sns.createTopic(b -> b.name("orders")));

            // then
            assertThat(failure).isInstanceOf(SdkClientException.class);
            assertThat(record.report()).contains("Sns.CreateTopic\t1");
        }
    }

    @Test
    void testCodeCalledBackByAnAdapterCountsAsTestCode() {
        // given
        try (SnsClient sns = TestOnlyClients.mark(builder(AdapterPolicies::ofThisBuild)).build()) {
            // when: a subscriber, say, deletes a topic the adapter's policy does not cover
            Throwable failure = catchThrowable(() -> SnsAdapterFixture.callBack(
                    () -> sns.deleteTopic(b -> b.topicArn(TOPIC))));

            // then
            assertThat(failure).isInstanceOf(SdkClientException.class);
            assertThat(record.refusals()).isEmpty();
        }
    }

    @Test
    void anAdapterSendingOnATestOnlyClientIsStillHeldToItsPolicy() {
        // given
        try (SnsClient sns = TestOnlyClients.mark(builder(AdapterPolicies::ofThisBuild)).build()) {
            // then
            assertThatThrownBy(() -> SnsAdapterFixture.deleteTopic(sns, TOPIC))
                    .isInstanceOf(IamPolicyViolation.class)
                    .hasMessageContaining("sns:DeleteTopic");
        }
    }

    @Test
    void anAdapterWithoutPolicyFilesIsRefused(@TempDir Path empty) {
        // given
        try (SnsClient sns = client(() -> AdapterPolicies.read(empty))) {
            // then
            assertThatThrownBy(() -> SnsAdapterFixture.publish(sns, TOPIC))
                    .isInstanceOf(IamPolicyViolation.class)
                    .hasMessageContaining("adapter sns")
                    .hasMessageContaining("has no IAM policy: add sns.json to " + empty);
        }
    }

    @Test
    void emulatorClientsAreTestOnly() {
        // given
        try (SnsClient sns = EmulatorClients.client(SnsClient.builder(), NOWHERE)) {
            // then
            assertThat(sns.serviceClientConfiguration().overrideConfiguration().executionAttributes()
                    .getAttribute(TestOnlyClients.TEST_ONLY)).isTrue();
            assertThat(sns.serviceClientConfiguration().overrideConfiguration().retryStrategy()).isPresent();
        }
    }

    private SnsClient client(Supplier<AdapterPolicies> policies) {
        return builder(policies).build();
    }

    private SnsClientBuilder builder(Supplier<AdapterPolicies> policies) {
        IamPolicyCheck check = new IamPolicyCheck(policies,
                type -> type != SnsAdapterFixture.class && RequestSender.TEST_CODE.test(type), record);
        return AwsClients.configure(SnsClient.builder(),
                        EmulatorClients.settings(NOWHERE).toBuilder().maxRetries(0).build())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)).addExecutionInterceptor(check));
    }
}
