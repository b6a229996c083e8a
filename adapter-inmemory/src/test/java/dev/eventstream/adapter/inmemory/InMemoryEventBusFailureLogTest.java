package dev.eventstream.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventStream;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.testkit.Await;
import dev.eventstream.testkit.CapturedOutput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the log shows of a subscriber that keeps failing: its stack trace once, then one line per failure. */
class InMemoryEventBusFailureLogTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String FAILED = "A subscriber of aggregation refunds failed on event";

    @Test
    void aSubscriberFailingTheSameWayOnEveryEventIsLoggedWithItsStackTraceOnce() {
        // given
        InMemoryEventBus bus = new InMemoryEventBus();
        try (DefaultEventStore store = DefaultEventStore.builder(new InMemoryEventPersistence())
                        .publisher(bus).subscriptions(bus).build();
                CapturedOutput output = CapturedOutput.start()) {
            store.subscribe("refunds", event -> {
                throw new IllegalStateException("the read model cannot take event " + event.sequence());
            });
            EventStream refund = store.getEventStream("refunds", "r-1");

            // when
            refund.addEvent("REQUESTED", Map.of());
            refund.addEvent("APPROVED", Map.of());
            refund.addEvent("PAID", Map.of());

            // then
            Await.until(DEADLINE, () -> "three failures logged in\n" + output.text(),
                    () -> linesWith(output.text(), FAILED).size() == 3);
            String log = output.text();
            assertThat(log.lines().filter(line -> line.startsWith("java.lang.IllegalStateException")))
                    .containsExactly("java.lang.IllegalStateException: the read model cannot take event 1");
            assertThat(linesWith(log, "at dev.eventstream.adapter.inmemory.InMemoryEventBus$BusSubscription.deliver"))
                    .hasSize(1);
            assertThat(linesWith(log, FAILED + " REQUESTED #1")).singleElement().asString()
                    .endsWith("; it keeps receiving the next events");
            assertThat(linesWith(log, FAILED + " APPROVED #2")).singleElement().asString()
                    .endsWith("; it keeps receiving the next events (java.lang.IllegalStateException: the read model"
                            + " cannot take event 2; repeat 1 of the failure logged above with its stack trace)");
            assertThat(linesWith(log, FAILED + " PAID #3")).singleElement().asString()
                    .contains("(java.lang.IllegalStateException: the read model cannot take event 3; repeat 2 of");
        }
    }

    private static List<String> linesWith(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).toList();
    }
}
