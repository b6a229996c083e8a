package dev.eventstream.delivery;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPublisher;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The doomed process of {@link ProcessKilledBeforePublishingIT}: it appends events through a store whose publisher
 * never returns, prints the ids it committed, then waits to be killed. Its events are durable; their notifications
 * were never sent.
 *
 * <p>Arguments: DynamoDB endpoint, table, aggregation, stream id, number of events.
 */
public final class AppendThenHang {
    static final String COMMITTED = "COMMITTED ";
    static final String ALL_COMMITTED = "ALL COMMITTED";

    private AppendThenHang() {}

    public static void main(String[] args) throws InterruptedException {
        URI endpoint = URI.create(args[0]);
        String table = args[1];
        int count = Integer.parseInt(args[4]);
        CountDownLatch never = new CountDownLatch(1);
        EventPublisher stuck = (List<RecordedEvent> events) -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        DefaultEventStore store = DefaultEventStore.builder(AwsDeliveryFixture.persistence(endpoint, table, false))
                .publisher(stuck)
                .build();
        EventStream stream = store.getEventStream(args[2], args[3]);
        for (int i = 1; i <= count; i++) {
            RecordedEvent event = stream.addEvent("STEP", Map.of("n", i));
            System.out.println(COMMITTED + event.eventId());
        }
        System.out.println(ALL_COMMITTED);
        System.out.flush();
        never.await();
    }
}
