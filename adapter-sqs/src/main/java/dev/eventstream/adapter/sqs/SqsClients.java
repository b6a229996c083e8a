package dev.eventstream.adapter.sqs;

import dev.eventstream.aws.AwsClients;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the SQS and SNS clients a {@link SqsConfig} describes, on the Apache 5 HTTP client. */
final class SqsClients {
    private SqsClients() {}

    /** The HTTP client under a source's own SQS client, whose long polls closing can cut short. */
    static AbortableHttpClient http(SqsConfig config) {
        return new AbortableHttpClient(AwsClients.httpClient(config.clientSettings()));
    }

    /** An SQS client on {@code http}, which it does not close: the caller closes {@code http} after it. */
    static SqsClient sqs(SqsConfig config, AbortableHttpClient http) {
        return AwsClients.configure(SqsClient.builder(), config.clientSettings(), http).build();
    }

    static SnsClient sns(SqsConfig config) {
        return AwsClients.create(SnsClient.builder(), config.clientSettings());
    }
}
