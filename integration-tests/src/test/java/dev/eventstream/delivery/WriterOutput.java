package dev.eventstream.delivery;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.EventPublisher;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The writer side of {@link WriterProcess}: what a writer JVM prints for the test that started it, one line at a
 * time, whichever thread prints it.
 */
final class WriterOutput {
    private final PrintStream out;

    WriterOutput(PrintStream out) {
        this.out = out;
    }

    void line(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** {@code publisher}, reporting each event it published. */
    EventPublisher reporting(EventPublisher publisher) {
        return new EventPublisher() {
            @Override
            public void publish(List<RecordedEvent> events) {
                publisher.publish(events);
                synchronized (out) {
                    events.forEach(event -> out.println(WriterProcess.PUBLISHED + event.eventId()));
                    out.flush();
                }
            }

            @Override
            public void close() {
                publisher.close();
            }
        };
    }

    /** Appends {@code rounds} events to each of {@code streams} in turn, reporting each, then that all are. */
    void appendRounds(List<EventStream> streams, int rounds) {
        for (int n = 1; n <= rounds; n++) {
            for (EventStream stream : streams) {
                line(WriterProcess.COMMITTED + stream.addEvent("STEP", Map.of("n", n)).eventId());
            }
        }
        line(WriterProcess.ALL_COMMITTED);
    }
}
