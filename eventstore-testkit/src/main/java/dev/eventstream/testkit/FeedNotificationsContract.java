package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.EventStream;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedSettings;
import dev.eventstream.core.PublicationSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Notifications published from the feed ({@link PublicationSource#FEED}): whichever process wrote an event, each is
 * published once, and each stream's events in sequence order, by the one process holding the notifications group's
 * lease; a failing publisher delays notifications but loses and reorders none; a dead publisher's work is taken
 * over.
 */
public abstract class FeedNotificationsContract extends FeedContractPart {
    protected FeedNotificationsContract(FeedContract contract) {
        super(contract);
    }

    @Test
    protected void eventsWrittenByTwoProcessesArePublishedOnce_inStreamOrder() throws Exception {
        // given: two processes with a publisher each, writing one stream both write and one stream each
        RecordingPublisher firstPublisher = new RecordingPublisher();
        RecordingPublisher secondPublisher = new RecordingPublisher();
        DefaultEventStore first = publishingStore(firstPublisher, feedSettings());
        DefaultEventStore second = publishingStore(secondPublisher, feedSettings());
        String aggregation = unique("orders");
        EventStream sharedByFirst = first.getEventStream(aggregation, "shared");
        EventStream sharedBySecond = second.getEventStream(aggregation, "shared");
        EventStream ownOfFirst = first.getEventStream(aggregation, "first");
        EventStream ownOfSecond = second.getEventStream(aggregation, "second");

        // when
        List<RecordedEvent> appended = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            appended.add(sharedByFirst.addEvent("STEP", Map.of("by", "first", "n", i)));
            appended.add(ownOfSecond.addEvent("STEP", Map.of("n", i)));
            appended.add(sharedBySecond.addEvent("STEP", Map.of("by", "second", "n", i)));
            appended.add(ownOfFirst.addEvent("STEP", Map.of("n", i)));
        }

        // then: all published, by one of them, each once, each stream in order
        awaitPublished(ids(appended), firstPublisher, secondPublisher);
        List<RecordedEvent> published = new ArrayList<>(firstPublisher.published());
        published.addAll(secondPublisher.published());
        assertThat(ids(published)).as("every event published once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(appended));
        assertThat(firstPublisher.published().isEmpty() || secondPublisher.published().isEmpty())
                .as("one process publishes while both run").isTrue();
        assertInStreamOrder(published);
    }

    @Test
    protected void aFailingPublisherIsRetried_losingAndReorderingNothing() {
        // given
        RecordingPublisher publisher = new RecordingPublisher().failing(true);
        DefaultEventStore store = publishingStore(publisher, feedSettings());
        EventStream stream = store.getEventStream(unique("orders"), "1");
        List<RecordedEvent> appended = append(stream, "STEP", 5);
        awaitFeedHolds(appended);
        Await.until(deliveryBound(), () -> "the publisher is tried several times", () -> publisher.attempts() >= 3);

        // when
        publisher.failing(false);
        appended.addAll(append(stream, "STEP", 3));

        // then
        awaitPublished(ids(appended), publisher);
        assertThat(publisher.published()).extracting(RecordedEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    protected void whenThePublishingProcessDies_anotherPublishesWhatItLeft() {
        // given: the first process holds the notifications lease and publishes, then dies (every storage call of
        // it fails from then on, its lease renewals included)
        CrashingFeedPersistence dying = new CrashingFeedPersistence(anotherProcess());
        RecordingPublisher dyingPublisher = new RecordingPublisher();
        DefaultEventStore dyingStore = publishingStore(dying, dyingPublisher, feedSettings());
        EventStream stream = dyingStore.getEventStream(unique("orders"), "1");
        List<RecordedEvent> appended = append(stream, "STEP", 5);
        awaitPublished(ids(appended), dyingPublisher);
        RecordingPublisher survivorPublisher = new RecordingPublisher();
        DefaultEventStore survivor = publishingStore(survivorPublisher, feedSettings());

        // when
        dying.crash();
        List<RecordedEvent> later = append(survivor.getEventStream(stream.key()), "STEP", 5);

        // then: the survivor publishes what came after; nothing is lost
        awaitPublished(ids(later), survivorPublisher);
        Set<UUID> publishedByEither = new HashSet<>(ids(dyingPublisher.published()));
        publishedByEither.addAll(ids(survivorPublisher.published()));
        appended.addAll(later);
        assertThat(publishedByEither).containsAll(ids(appended));
        assertInStreamOrder(survivorPublisher.published());
    }

    private DefaultEventStore publishingStore(RecordingPublisher publisher, FeedSettings settings) {
        return publishingStore(anotherProcess(), publisher, settings);
    }

    private DefaultEventStore publishingStore(EventPersistence persistence,
            RecordingPublisher publisher, FeedSettings settings) {
        return storeOver(persistence, settings, builder -> builder.publisher(publisher)
                .publicationSource(PublicationSource.FEED));
    }

    private void awaitFeedHolds(Collection<RecordedEvent> events) {
        awaitInFeed(ids(events));
    }

    private void awaitPublished(Collection<UUID> eventIds, RecordingPublisher... publishers) {
        Set<UUID> wanted = new HashSet<>(eventIds);
        Await.until(deliveryBound(), () -> "every event of " + wanted.size() + " is published", () -> {
            Set<UUID> published = new HashSet<>();
            for (RecordingPublisher publisher : publishers) {
                published.addAll(ids(publisher.published()));
            }
            return published.containsAll(wanted);
        });
    }

    /** Each stream's events, as published, come in increasing sequence order. */
    private static void assertInStreamOrder(List<RecordedEvent> published) {
        Map<String, Long> highest = new LinkedHashMap<>();
        for (RecordedEvent event : published) {
            String stream = event.stream().asString();
            long before = highest.getOrDefault(stream, 0L);
            assertThat(event.sequence()).as("%s published after sequence %d", event.stream(), before)
                    .isGreaterThan(before);
            highest.put(stream, event.sequence());
        }
    }

}
