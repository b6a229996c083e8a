package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.PublicationOutbox;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Publication tracking, for adapters whose {@code enablePublicationTracking()} returns an outbox: what is pending,
 * in which order, how a scan pages through every stream, and a consistent read of one stream.
 */
public abstract class OutboxContract extends ContractPart {

    protected OutboxContract(EventPersistenceContract contract) {
        super(contract);
    }

    @Test
    protected void trackedEventsStayPendingUntilMarkedPublished() {
        // given
        EventStream stream = newStream();
        RecordedEvent beforeTracking = stream.addEvent("UNTRACKED", Map.of());
        PublicationOutbox outbox = requireOutbox();

        // when
        List<RecordedEvent> tracked = new ArrayList<>(
                stream.append(ExpectedVersion.exactly(1), numberedEvents("TRACKED", 2)).events());
        tracked.add(stream.addEvent("TRACKED", Map.of("n", 2)));

        // then
        assertThat(pendingOf(outbox, stream.key())).as("pending right after the appends")
                .containsExactlyElementsOf(tracked)
                .doesNotContain(beforeTracking);
        assertThat(outbox.pendingPublications(null, Limits.MAX_PAGE_SIZE)).containsExactlyElementsOf(tracked);
        outbox.markPublished(tracked.subList(0, 2));
        assertThat(pendingOf(outbox, stream.key())).containsExactly(tracked.get(2));
        outbox.markPublished(tracked.subList(0, 2));
        assertThat(pendingOf(outbox, stream.key())).as("after marking twice").containsExactly(tracked.get(2));
        outbox.markPublished(List.of(tracked.get(2)));
        assertThat(pendingOf(outbox, stream.key())).isEmpty();
        assertThat(outbox.pendingPublications(null, 10)).isEmpty();
    }

    @Test
    protected void pendingEventsOfAStreamComeOldestFirstWithNoneSkipped() {
        // given
        PublicationOutbox outbox = requireOutbox();
        EventStream first = newStream();
        EventStream second = newStream();
        for (int i = 0; i < 3; i++) {
            first.addEvent("FIRST", Map.of("n", i));
            second.addEvent("SECOND", Map.of("n", i));
        }
        List<RecordedEvent> allPending = outbox.pendingPublications(null, Limits.MAX_PAGE_SIZE);

        // when / then
        for (int limit = 1; limit <= 7; limit++) {
            List<RecordedEvent> page = outbox.pendingPublications(null, limit);
            assertThat(page).as("pending with limit %d", limit).hasSizeLessThanOrEqualTo(limit).isNotEmpty();
            for (int i = 0; i < page.size(); i++) {
                RecordedEvent event = page.get(i);
                List<RecordedEvent> olderOfItsStream = allPending.stream()
                        .filter(other -> other.stream().equals(event.stream()))
                        .filter(other -> other.sequence() < event.sequence())
                        .toList();
                assertThat(page.subList(0, i)).as("pending with limit %d before %s", limit, event)
                        .containsAll(olderOfItsStream);
            }
        }
        assertThat(pendingOf(outbox, first.key())).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(pendingOf(outbox, second.key())).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    protected void aScanPagesThroughEveryStreamOnceInTheSameOrderEachTime() {
        // given: six streams of three pending events each
        PublicationOutbox outbox = requireOutbox();
        List<EventStream> streams = IntStream.range(0, 6).mapToObj(i -> newStream()).toList();
        streams.forEach(stream -> stream.append(ExpectedVersion.noStream(), numberedEvents("PENDING", 3)));
        List<StreamKey> order = streamsOf(outbox.pendingPublications(null, Limits.MAX_PAGE_SIZE));

        // when: pages of 4 events, each after the last stream of the one before
        List<List<RecordedEvent>> pages = new ArrayList<>();
        @Nullable StreamKey after = null;
        for (List<RecordedEvent> page = outbox.pendingPublications(null, 4); !page.isEmpty();
                page = outbox.pendingPublications(after, 4)) {
            pages.add(page);
            after = page.get(page.size() - 1).stream();
            assertThat(pages).as("pages of a scan of six streams").hasSizeLessThanOrEqualTo(6);
        }

        // then: every stream is reached, once, in the outbox's order, each from its oldest event
        assertThat(order).containsExactlyInAnyOrderElementsOf(streams.stream().map(EventStream::key).toList());
        List<StreamKey> reached = streamsOf(pages.stream().flatMap(List::stream).toList());
        assertThat(reached).containsExactlyElementsOf(order);
        for (List<RecordedEvent> page : pages) {
            assertThat(page.get(0).sequence()).as("first event of a page's first stream").isEqualTo(1);
        }
    }

    @Test
    protected void afterAStreamAScanGoesOnWithTheStreamsThatFollowIt() {
        // given
        PublicationOutbox outbox = requireOutbox();
        IntStream.range(0, 4).forEach(i -> newStream().addEvent("PENDING", Map.of("n", i)));
        List<StreamKey> order = streamsOf(outbox.pendingPublications(null, Limits.MAX_PAGE_SIZE));

        // when / then
        for (int i = 0; i < order.size(); i++) {
            List<RecordedEvent> rest = outbox.pendingPublications(order.get(i), Limits.MAX_PAGE_SIZE);
            assertThat(streamsOf(rest)).as("after %s", order.get(i))
                    .containsExactlyElementsOf(order.subList(i + 1, order.size()));
        }
    }

    @Test
    protected void oneStreamsPendingEventsAreReadFromASequenceAndSeeEveryCompletedAppend() {
        // given: five events, the first two published
        PublicationOutbox outbox = requireOutbox();
        EventStream stream = newStream();
        EventStream other = newStream();
        List<RecordedEvent> events = stream.append(ExpectedVersion.noStream(), numberedEvents("PENDING", 5)).events();
        other.addEvent("OTHER", Map.of());
        outbox.markPublished(events.subList(0, 2));

        // when / then
        assertThat(outbox.pendingPublications(stream.key(), 1, 10)).containsExactlyElementsOf(events.subList(2, 5));
        assertThat(outbox.pendingPublications(stream.key(), 4, 10)).containsExactlyElementsOf(events.subList(3, 5));
        assertThat(outbox.pendingPublications(stream.key(), 1, 1)).containsExactly(events.get(2));
        assertThat(outbox.pendingPublications(stream.key(), 6, 10)).isEmpty();
        assertThat(outbox.pendingPublications(newStream().key(), 1, 10)).isEmpty();
        RecordedEvent appended = stream.addEvent("LATER", Map.of());
        assertThat(outbox.pendingPublications(stream.key(), 5, 10)).containsExactly(events.get(4), appended);
    }

    @Test
    protected void idempotentRetryAndRejectedAppendAddNothingPending() {
        // given
        PublicationOutbox outbox = requireOutbox();
        EventStream stream = newStream();
        List<NewEvent> batch = numberedEvents("CREATED", 2);
        outbox.markPublished(stream.append(ExpectedVersion.noStream(), batch).events());

        // when
        stream.append(ExpectedVersion.noStream(), batch);
        assertThatThrownBy(() -> stream.append(ExpectedVersion.exactly(1), numberedEvents("LOST", 1)))
                .isInstanceOf(WrongExpectedVersionException.class);

        // then
        assertThat(pendingOf(outbox, stream.key())).isEmpty();
    }

    @Test
    protected void limitsBelowOneAreRejected() {
        PublicationOutbox outbox = requireOutbox();

        assertThatThrownBy(() -> outbox.pendingPublications(null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> outbox.pendingPublications(newStream().key(), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    private PublicationOutbox requireOutbox() {
        Optional<PublicationOutbox> outbox = persistence().enablePublicationTracking();
        assumeTrue(outbox.isPresent(), "this persistence does not track publications");
        return outbox.get();
    }

    private static List<RecordedEvent> pendingOf(PublicationOutbox outbox, StreamKey stream) {
        return outbox.pendingPublications(stream, 1, Limits.MAX_PAGE_SIZE);
    }

    private static List<StreamKey> streamsOf(List<RecordedEvent> events) {
        Set<StreamKey> streams = new LinkedHashSet<>();
        events.forEach(event -> streams.add(event.stream()));
        return List.copyOf(streams);
    }
}
