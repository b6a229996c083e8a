package dev.eventstream.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventStoreUnavailableException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

class AwsFailuresTest {

    @Test
    void throttlingServerErrorsAndClientSideFailuresAreTransient() {
        assertThat(AwsFailures.isTransient(serviceError("ThrottlingException", 400))).isTrue();
        assertThat(AwsFailures.isTransient(serviceError("SlowDown", 429))).isTrue();
        assertThat(AwsFailures.isTransient(serviceError("InternalFailure", 500))).isTrue();
        assertThat(AwsFailures.isTransient(serviceError("ServiceUnavailable", 503))).isTrue();
        assertThat(AwsFailures.isTransient(SdkClientException.create("Unable to execute HTTP request"))).isTrue();
        assertThat(AwsFailures.isTransient(ApiCallTimeoutException.create(1000))).isTrue();
    }

    @Test
    void requestsAwsRefusedAreNotTransient() {
        assertThat(AwsFailures.isTransient(serviceError("AccessDeniedException", 403))).isFalse();
        assertThat(AwsFailures.isTransient(serviceError("NotFound", 404))).isFalse();
        assertThat(AwsFailures.isTransient(serviceError("ValidationException", 400))).isFalse();
    }

    @Test
    void anAwsErrorIsDescribedByItsCodeStatusAndMessage() {
        assertThat(AwsFailures.describe(serviceError("NotFound", 404)))
                .isEqualTo("NotFound (HTTP 404): NotFound happened");
    }

    @Test
    void aFailureWithoutAnAwsAnswerIsDescribedByItsTypeAndMessage() {
        assertThat(AwsFailures.describe(SdkClientException.create("Unable to execute HTTP request")))
                .isEqualTo("SdkClientException: Unable to execute HTTP request");
        assertThat(AwsFailures.describe(SdkClientException.builder().build())).isEqualTo("SdkClientException");
    }

    @Test
    void unavailableCarriesNoAwsTypeButKeepsTheFirstForeignCause() {
        // given
        ConnectException refused = new ConnectException("Connection refused");
        SdkException e = SdkClientException.create("Unable to execute HTTP request",
                SdkClientException.create("wrapped", refused));

        // when
        EventStoreUnavailableException unavailable = AwsFailures.unavailable("SNS publish of event 1", e);

        // then
        assertThat(unavailable.isRetryable()).isTrue();
        assertThat(unavailable)
                .hasMessage("SNS publish of event 1 failed: SdkClientException: Unable to execute HTTP request")
                .hasCause(refused);
        assertThat(AwsFailures.unavailable("SNS publish", serviceError("NotFound", 404)).getCause()).isNull();
    }

    private static AwsServiceException serviceError(String code, int status) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(code + " happened")
                        .build())
                .build();
    }
}
