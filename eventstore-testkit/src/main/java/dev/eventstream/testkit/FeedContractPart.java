package dev.eventstream.testkit;

import static dev.eventstream.testkit.ContractSupport.uniqueName;
import static java.util.Objects.requireNonNull;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedSettings;
import dev.eventstream.core.FeedStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One part of {@link FeedContract}, in a file of its own and run as a {@code @Nested} class of the contract: it
 * tests the persistence the contract opened for the running test and asks the contract's hooks.
 */
public abstract class FeedContractPart {
    private final FeedContract contract;

    protected FeedContractPart(FeedContract contract) {
        this.contract = requireNonNull(contract, "contract is null");
    }

    protected final EventPersistence persistence() {
        return contract.persistence();
    }

    protected final DefaultEventStore store() {
        return contract.store();
    }

    protected final FeedStorage feedStorage() {
        return contract.feedStorage();
    }

    /** The feed storage of another process over the test's storage. */
    protected final FeedStorage anotherProcessFeedStorage() {
        return contract.openAnotherProcess().feed()
                .orElseThrow(() -> new AssertionError("anotherProcess(...) returned a persistence without a feed"));
    }

    protected final FeedSettings feedSettings() {
        return contract.feedSettings();
    }

    protected final DefaultEventStore anotherProcessStore(FeedSettings settings) {
        return contract.anotherProcessStore(settings);
    }

    protected final DefaultEventStore storeOver(EventPersistence persistence, FeedSettings settings) {
        return contract.storeOver(persistence, settings);
    }

    protected final DefaultEventStore storeOver(EventPersistence persistence, FeedSettings settings,
            UnaryOperator<DefaultEventStore.Builder> more) {
        return contract.storeOver(persistence, settings, more);
    }

    /** Another process's persistence over the test's storage, closed after the test. */
    protected final EventPersistence anotherProcess() {
        return contract.openAnotherProcess();
    }

    protected final FeedSubscription subscribe(DefaultEventStore on, CatchUp catchUp, Consumer<FeedEntry> subscriber) {
        return contract.subscribe(on, catchUp, subscriber);
    }

    protected final List<FeedEntry> awaitInFeed(Collection<UUID> eventIds) {
        return contract.awaitInFeed(eventIds);
    }

    protected final Duration feedLagBound() {
        return contract.feedLagBound();
    }

    /** How long a test waits for a subscription to deliver or take over; a bound, never an assertion. */
    protected final Duration deliveryBound() {
        return contract.feedLagBound().plus(feedSettings().leaseDuration().multipliedBy(5)).plusSeconds(10);
    }

    protected final void letTimePass(Duration duration) {
        contract.letTimePass(persistence(), duration);
    }

    protected final int concurrentWriters() {
        return contract.concurrentWriters();
    }

    protected final int appendsPerWriter() {
        return contract.appendsPerWriter();
    }

    /** A name no other test uses. */
    protected static String unique(String prefix) {
        return uniqueName(prefix);
    }

    /** A stream of a fresh aggregation on the test's store. */
    protected final EventStream newStream() {
        return store().getEventStream(unique("agg"), unique("stream"));
    }

    /** Appends {@code count} events of {@code type} one at a time and returns them as recorded. */
    protected static List<RecordedEvent> append(EventStream stream, String type, int count) {
        List<RecordedEvent> recorded = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            recorded.add(stream.addEvent(type, Map.of("n", i)));
        }
        return recorded;
    }

    protected static List<UUID> ids(Collection<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::eventId).toList();
    }

    protected static List<Long> positions(Collection<FeedEntry> entries) {
        return entries.stream().map(FeedEntry::position).toList();
    }

    /** The entries of {@code entries} after {@code position}, in order. */
    protected static List<FeedEntry> after(List<FeedEntry> entries, long position) {
        return entries.stream().filter(entry -> entry.position() > position).toList();
    }
}
