package dev.eventstream.delivery;

import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.api.EventStream;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.PublicationRelay;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One service instance of {@link TwoPublishingProcessesIT}: it appends to its streams round-robin through a store
 * that publishes to SNS, and reports on stdout each event it committed and each it published. After the last
 * append it keeps running, its relay with it, until its stdin is closed; then it closes the store and exits.
 *
 * <p>Arguments: DynamoDB endpoint, SNS endpoint, table, topic ARN, aggregation, stream ids (comma-separated),
 * events per stream, grace period in milliseconds.
 */
public final class PublishingWriter {

    private PublishingWriter() {}

    public static void main(String[] args) throws IOException {
        URI dynamoDb = URI.create(args[0]);
        URI sns = URI.create(args[1]);
        String table = args[2];
        String topicArn = args[3];
        String aggregation = args[4];
        String[] streamIds = args[5].split(",");
        int eventsPerStream = Integer.parseInt(args[6]);
        Duration grace = Duration.ofMillis(Long.parseLong(args[7]));
        WriterOutput output = new WriterOutput(System.out);

        EventPublisher snsPublisher = new SnsEventPublisher(SnsConfig.builder(topicArn)
                .clientSettings(EmulatorClients.settings(sns))
                .build());
        EventPublisher reporting = output.reporting(snsPublisher);
        DefaultEventStore store = DefaultEventStore.builder(AwsDeliveryFixture.persistence(dynamoDb, table, false))
                .publisher(reporting)
                .relaySettings(PublicationRelay.Settings.DEFAULT
                        .withGracePeriod(grace)
                        .withIdleScanInterval(grace.dividedBy(2)))
                .build();
        List<EventStream> streams = new ArrayList<>();
        for (String streamId : streamIds) {
            streams.add(store.getEventStream(aggregation, streamId));
        }
        output.appendRounds(streams, eventsPerStream);
        while (System.in.read() != -1) {
            // Runs until the test closes stdin.
        }
        store.close();
    }
}
