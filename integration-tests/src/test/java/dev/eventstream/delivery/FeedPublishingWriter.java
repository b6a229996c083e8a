package dev.eventstream.delivery;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.FeedSettings;
import dev.eventstream.core.PublicationSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service instance of {@link TwoProcessesPublishingFromTheFeedIT}: a store with the feed indexed in process,
 * publishing its notifications to SNS from the feed (its instance of the notifications group competes for the
 * group's lease with the other instance's, its indexer for the indexer's lease). It prints {@link #READY} once the
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
    static final String READY = WriterProcess.READY;
    static final String COMMITTED = WriterProcess.COMMITTED;
    static final String PUBLISHED = WriterProcess.PUBLISHED;
    static final String ALL_COMMITTED = WriterProcess.ALL_COMMITTED;

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
        PrintStream out = System.out;

        EventPublisher snsPublisher = new SnsEventPublisher(SnsConfig.builder(topicArn)
                .clientSettings(EmulatorClients.settings(sns))
                .build());
        EventPublisher reporting = new EventPublisher() {
            @Override
            public void publish(List<RecordedEvent> events) {
                snsPublisher.publish(events);
                synchronized (out) {
                    events.forEach(event -> out.println(PUBLISHED + event.eventId()));
                    out.flush();
                }
            }

            @Override
            public void close() {
                snsPublisher.close();
            }
        };
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
        synchronized (out) {
            out.println(READY);
            out.flush();
        }
        if (in.readLine() == null) {
            store.close();
            return;
        }
        for (int n = 1; n <= eventsPerStream; n++) {
            for (EventStream stream : streams) {
                RecordedEvent event = stream.addEvent("STEP", Map.of("n", n));
                synchronized (out) {
                    out.println(COMMITTED + event.eventId());
                    out.flush();
                }
            }
        }
        synchronized (out) {
            out.println(ALL_COMMITTED);
            out.flush();
        }
        while (in.readLine() != null) {
            // Runs until the test closes stdin.
        }
        store.close();
    }
}
