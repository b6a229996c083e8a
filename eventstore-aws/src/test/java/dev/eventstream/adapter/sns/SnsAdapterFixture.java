package dev.eventstream.adapter.sns;

import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Stands in for the SNS adapter's shipped code in the IAM policy check's tests: what it sends counts as sent by
 * the adapter {@code sns} (the tests tell the check to take this class for shipped code). Each request is written
 * out here, since a request the test passed in as a lambda would be sent by test code.
 */
public final class SnsAdapterFixture {
    private SnsAdapterFixture() {}

    /** What the publisher sends at start, to check the topic. */
    public static void getTopicAttributes(SnsClient client, String topicArn) {
        client.getTopicAttributes(b -> b.topicArn(topicArn));
    }

    public static void publish(SnsClient client, String topicArn) {
        client.publish(b -> b.topicArn(topicArn).message("m"));
    }

    public static void publishBatch(SnsClient client, String topicArn) {
        client.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(e -> e.id("1").message("m")));
    }

    /** What no SNS adapter may do. */
    public static void deleteTopic(SnsClient client, String topicArn) {
        client.deleteTopic(b -> b.topicArn(topicArn));
    }

    /** Calls test code back from the adapter's code, as the relay or a poller calls a subscriber. */
    public static void callBack(Runnable testCode) {
        testCode.run();
    }
}
