package dev.eventstream.core;

import dev.eventstream.api.EventTypes;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.RecordedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Every read path of the store through its {@link EventTypes}: stored events come out upcast to today's shapes and
 * read with the registry's classes and serializer. A store without types passes events through untouched, so it
 * pays nothing; with types but no upcaster for an event, the event takes the store's registry, its payload not
 * parsed and the event not copied.
 */
final class TypedReads {
    private final EventTypes types;
    private final boolean passThrough;

    TypedReads(EventTypes types) {
        this.types = types;
        this.passThrough = types == EventTypes.none();
    }

    EventTypes types() {
        return types;
    }

    List<RecordedEvent> list(List<RecordedEvent> stored) {
        return passThrough ? stored : types.readAll(stored);
    }

    Stream<RecordedEvent> stream(Stream<RecordedEvent> stored) {
        return passThrough ? stored : stored.mapMulti(types::read);
    }

    /** Hands {@code to} the events {@code stored} is read as (usually one), with no list in between. */
    void each(RecordedEvent stored, Consumer<? super RecordedEvent> to) {
        if (passThrough) {
            to.accept(stored);
        } else {
            types.read(stored, to);
        }
    }

    Consumer<RecordedEvent> subscriber(Consumer<RecordedEvent> subscriber) {
        if (passThrough) {
            return subscriber;
        }
        return event -> types.read(event, subscriber);
    }

    /**
     * The filter to read the stored feed with for readers wanting {@code wanted}: the same, unless upcasters may
     * change type names, when types are matched only after upcasting (so a filter on a renamed type keeps the events
     * stored under its old name).
     */
    FeedFilter storedFilter(FeedFilter wanted) {
        return passThrough || !types.upcasts() || wanted.eventTypes().isEmpty() ? wanted
                : new FeedFilter(wanted.aggregations(), Set.of());
    }

    /** The entries {@code stored} are read as that {@code wanted} keeps. */
    List<FeedEntry> entries(List<FeedEntry> stored, FeedFilter wanted) {
        if (passThrough) {
            return stored;
        }
        List<FeedEntry> read = new ArrayList<>(stored.size());
        stored.forEach(entry -> addEntries(entry, wanted, read::add));
        return Collections.unmodifiableList(read);
    }

    Stream<FeedEntry> entries(Stream<FeedEntry> stored, FeedFilter wanted) {
        return passThrough ? stored : stored.<FeedEntry>mapMulti((entry, to) -> addEntries(entry, wanted, to));
    }

    /**
     * A feed subscriber given the entries {@code stored} is read as that {@code wanted} keeps; a split event's
     * entries share its position.
     */
    Consumer<FeedEntry> feedSubscriber(Consumer<FeedEntry> subscriber, FeedFilter wanted) {
        return passThrough ? subscriber : entry -> addEntries(entry, wanted, subscriber);
    }

    private void addEntries(FeedEntry entry, FeedFilter wanted, Consumer<? super FeedEntry> to) {
        types.read(entry.event(), event -> {
            if (wanted.matches(event.stream(), event.eventType())) {
                to.accept(event == entry.event() ? entry : new FeedEntry(entry.position(), event));
            }
        });
    }
}
