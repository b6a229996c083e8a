package dev.eventstream.delivery;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.api.EventStream;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.FeedSettings;
import dev.eventstream.core.PublicationSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One service instance of {@link TwoProcessesPublishingFromTheFeedIT}: a store with the feed indexed in process,
 * publishing its notifications to SNS from the feed (its instance of the notifications group competes for the
 * group's lease with the other instance's, its indexer for the indexer's lease). It prints {@link WriterProcess#READY} once the
 * store is built, appends to its streams round-robin after it read a line on stdin, and reports each event it
 * committed and each it published. After the last append it keeps running, its indexer and notifications with it,
 * until its stdin is closed; then it closes the store and exits.
 *
 * <p>Arguments: DynamoDB endpoint, SNS endpoint, events table, topic ARN, aggregation, stream ids
 * (comma-separated), events per stream, the notifications group's lease duration in milliseconds, its page size.
 * Checkpoints are written after every page, so that a holder that dies leaves at most its page in hand to publish
 * again.
 */
public final class FeedPublishingWriter {

    private FeedPublishingWriter() {}

    public static void main(String[] args) throws IOException {
        URI dynamoDb = URI.create(args[0]);
        URI sns = URI.create(args[1]);
        String table = args[2];
        String topicArn = args[3];
        String aggregation = args[4];
        String[] streamIds = args[5].split(",");
        int eventsPerStream = Integer.parseInt(args[6]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[7]));
        int pageSize = Integer.parseInt(args[8]);
        WriterOutput output = new WriterOutput(System.out);

        EventPublisher snsPublisher = new SnsEventPublisher(SnsConfig.builder(topicArn)
                .clientSettings(EmulatorClients.settings(sns))
                .build());
        EventPublisher reporting = output.reporting(snsPublisher);
        DefaultEventStore store = DefaultEventStore.builder(
                        AwsDeliveryFixture.persistence(dynamoDb, table, false, FeedMode.IN_PROCESS))
                .publisher(reporting)
                .publicationSource(PublicationSource.FEED)
                .feedSettings(FeedSettings.DEFAULT
                        .withLeaseDuration(lease)
                        .withCheckpointInterval(Duration.ZERO)
                        .withPageSize(pageSize))
                .build();
        List<EventStream> streams = new ArrayList<>();
        for (String streamId : streamIds) {
            streams.add(store.getEventStream(aggregation, streamId));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        output.line(WriterProcess.READY);
        if (in.readLine() == null) {
            store.close();
            return;
        }
        output.appendRounds(streams, eventsPerStream);
        while (in.readLine() != null) {
            // Runs until the test closes stdin.
        }
        store.close();
    }
}
