package dev.eventstream.adapter.sqs;

import dev.eventstream.aws.AwsClients;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the SQS and SNS clients a {@link SqsConfig} describes, on the Apache 5 HTTP client. */
final class SqsClients {
    private SqsClients() {}

    static SqsClient sqs(SqsConfig config) {
        return AwsClients.create(SqsClient.builder(), config.clientSettings());
    }

    static SnsClient sns(SqsConfig config) {
        return AwsClients.create(SnsClient.builder(), config.clientSettings());
    }
}
