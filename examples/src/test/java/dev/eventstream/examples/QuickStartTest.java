package dev.eventstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.core.DefaultEventStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void quickStartRunsOnTheInMemoryStoreByDefault() throws InterruptedException {
        // given
        StoreSetup setup = StoreSetup.fromEnvironment(Map.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // when
        try (DefaultEventStore store = setup.open();
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            QuickStart.run(store, "42", out);
            QuickStart.printMetrics(setup, out);
        }

        // then
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(setup.description()).isEqualTo("in-memory events, in-memory notifications");
        assertThat(output)
                .contains("stream version is now 4")
                .contains("read: #1 PLACED", "read: #2 PAID", "read: #3 SENT", "read: #4 DELIVERED")
                .contains("history: [PLACED, PAID, SENT, DELIVERED]")
                .contains("\"carrier\":\"UPS\"", "\"signedBy\":\"Ada\"", "\"item\":\"book\"")
                .contains("notified: PLACED #1 of 42", "notified: DELIVERED #4 of 42")
                .contains("aggregations: [orders]")
                .contains("projection caught up: position 1, PLACED #1 of 42",
                        "projection caught up: position 4, DELIVERED #4 of 42",
                        "projection live: position 5, RETURNED #5 of 42",
                        "projection: events by type {DELIVERED=1, PAID=1, PLACED=1, RETURNED=1, SENT=1}")
                .doesNotContain("not every notification arrived", "not every event arrived");
        assertThat(output.substring(output.indexOf("metrics:")))
                .containsPattern("eventstream\\.append +outcome=committed +count=4 ")
                .containsPattern("eventstream\\.append\\.events +outcome=committed +5")
                .contains("eventstream.process", "consumer=order-event-counts", "eventstream.load");
    }
}
