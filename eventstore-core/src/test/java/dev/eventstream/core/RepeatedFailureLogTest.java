package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

class RepeatedFailureLogTest {
    private final Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final RepeatedFailureLog failures = new RepeatedFailureLog(
            new EventRecordingLogger(new SubstituteLogger("test", events, false), events));

    @Test
    void aFailureThatRepeatsIsLoggedWithItsStackTraceOnceThenInOneLinePerRepeat() {
        // when: the same subscriber fails the same way on three events
        for (int event = 1; event <= 3; event++) {
            failures.warn(failureOn(event), "Subscriber failed on event {}", event);
        }

        // then
        List<SubstituteLoggingEvent> logged = List.copyOf(events);
        assertThat(logged).extracting(SubstituteLoggingEvent::getLevel).containsOnly(Level.WARN);
        assertThat(logged).extracting(SubstituteLoggingEvent::getThrowable)
                .hasSize(3).first().isNotNull();
        assertThat(logged.get(1).getThrowable()).isNull();
        assertThat(logged.get(2).getThrowable()).isNull();
        assertThat(messages(logged)).containsExactly(
                "Subscriber failed on event 1",
                "Subscriber failed on event 2 (java.lang.IllegalStateException: cannot handle event 2; repeat 1 of"
                        + " the failure logged above with its stack trace)",
                "Subscriber failed on event 3 (java.lang.IllegalStateException: cannot handle event 3; repeat 2 of"
                        + " the failure logged above with its stack trace)");
    }

    @Test
    void aFailureOfAnotherKindIsLoggedWithItsStackTraceAgain() {
        // given
        failures.warn(failureOn(1), "Subscriber failed on event {}", 1);
        failures.warn(failureOn(2), "Subscriber failed on event {}", 2);

        // when: another exception class, then the first kind again, then the same class thrown elsewhere
        failures.error(new IllegalArgumentException("bad event 3"), "Giving up event {}", 3);
        failures.warn(failureOn(4), "Subscriber failed on event {}", 4);
        failures.warn(new IllegalStateException("cannot handle event 5"), "Subscriber failed on event {}", 5);

        // then
        List<SubstituteLoggingEvent> logged = List.copyOf(events);
        assertThat(logged).extracting(event -> event.getThrowable() != null)
                .containsExactly(true, false, true, true, true);
        assertThat(logged).extracting(SubstituteLoggingEvent::getLevel)
                .containsExactly(Level.WARN, Level.WARN, Level.ERROR, Level.WARN, Level.WARN);
        assertThat(messages(logged).get(2)).isEqualTo("Giving up event 3");
    }

    @Test
    void aRetryLoopGetsTheStackTraceAtDebugOncePerKindOfFailure() {
        // when: a publisher fails three times the same way, then another way
        for (int event = 1; event <= 3; event++) {
            failures.debugStackTrace(failureOn(event), "Publication failure of stream {}", "orders/1");
        }
        failures.debugStackTrace(new IllegalArgumentException("refused"), "Publication failure of stream {}",
                "orders/1");

        // then
        List<SubstituteLoggingEvent> logged = List.copyOf(events);
        assertThat(logged).extracting(SubstituteLoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.DEBUG);
        assertThat(logged).extracting(event -> event.getThrowable().getMessage())
                .containsExactly("cannot handle event 1", "refused");
        assertThat(messages(logged)).containsOnly("Publication failure of stream orders/1");
    }

    private static IllegalStateException failureOn(int event) {
        return new IllegalStateException("cannot handle event " + event);
    }

    private static List<String> messages(List<SubstituteLoggingEvent> logged) {
        return logged.stream()
                .map(event -> MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray()))
                .toList();
    }
}
