package dev.eventstream.api;

import java.util.List;

/**
 * Turns an event stored in an older shape into today's, on the JSON form, before anyone reads it: registered in
 * {@link EventTypes} for one type name and revision, it returns the event at a later revision, under another name
 * (a renamed type), or as several events (one event split in two). The store applies upcasters on every read path,
 * one after the other until no upcaster is registered for what they return, and writes nothing back: stored events
 * keep their shape, and an upcaster can be fixed and rerun.
 *
 * <p>Upcasters must be pure and fast: they run on every read of an old event.
 */
@FunctionalInterface
public interface Upcaster {

    /**
     * @param event an event of the type and revision the upcaster is registered for
     * @return the event in its next shape: at least one event; each must be at a higher revision of the same type,
     *     or of another type
     */
    List<EventShape> upcast(EventShape event);
}
