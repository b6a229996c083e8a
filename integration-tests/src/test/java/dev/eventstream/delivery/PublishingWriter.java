package dev.eventstream.delivery;

import dev.eventstream.adapter.sns.SnsConfig;
import dev.eventstream.adapter.sns.SnsEventPublisher;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.aws.testing.EmulatorClients;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPublisher;
import dev.eventstream.core.PublicationRelay;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service instance of {@link TwoPublishingProcessesIT}: it appends to its streams round-robin through a store
 * that publishes to SNS, and reports on stdout each event it committed and each it published. After the last
 * append it keeps running, its relay with it, until its stdin is closed; then it closes the store and exits.
 *
 * <p>Arguments: DynamoDB endpoint, SNS endpoint, table, topic ARN, aggregation, stream ids (comma-separated),
 * events per stream, grace period in milliseconds.
 */
public final class PublishingWriter {
    static final String COMMITTED = WriterProcess.COMMITTED;
    static final String PUBLISHED = WriterProcess.PUBLISHED;
    static final String ALL_COMMITTED = WriterProcess.ALL_COMMITTED;

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
        while (System.in.read() != -1) {
            // Runs until the test closes stdin.
        }
        store.close();
    }
}
