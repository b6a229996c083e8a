package dev.eventstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The upcasters and renames of an {@link EventTypes}, and how a stored event goes through them: one step after the
 * other until none applies, each step checked, a split followed down each of its parts.
 */
final class UpcastChains {
    /** How many upcasts one stored event may go through: a bound that turns a cycle of renames into an error. */
    static final int MAX_UPCAST_STEPS = 100;

    /** A type name at one revision: what an upcaster is registered for. */
    record Shape(String name, int revision) {}

    private final Map<Shape, Upcaster> upcasters;
    private final Map<String, String> renames;
    /**
     * The highest revision an upcaster of each type name starts from: events at a later revision (today's, which
     * is most of what is read) are passed by one lookup of a string whose hash is cached, without a key object.
     */
    private final Map<String, Integer> highestFrom = new HashMap<>();

    UpcastChains(Map<Shape, Upcaster> upcasters, Map<String, String> renames) {
        this.upcasters = Map.copyOf(upcasters);
        this.renames = Map.copyOf(renames);
        upcasters.keySet().forEach(shape -> highestFrom.merge(shape.name(), shape.revision(), Math::max));
    }

    boolean isEmpty() {
        return upcasters.isEmpty() && renames.isEmpty();
    }

    /** Whether an event stored as {@code type} at {@code revision} is changed on read. */
    boolean appliesTo(String type, int revision) {
        if (isEmpty()) {
            return false;
        }
        Integer highest = highestFrom.get(type);
        return highest != null && revision <= highest && upcasters.containsKey(new Shape(type, revision))
                || renames.containsKey(type);
    }

    /** {@code stored} upcast, its events read with {@code types}; see {@link EventTypes#read}. */
    List<RecordedEvent> upcast(RecordedEvent stored, EventTypes types) {
        List<RecordedEvent> out = new ArrayList<>(2);
        upcastInto(stored, types, stored.eventType(), stored.revision(), null, stored.eventId(), 0, out);
        return out;
    }

    /** See {@link EventTypes#upcastersSignature()}. */
    String signature() {
        TreeSet<String> keys = new TreeSet<>();
        upcasters.keySet().forEach(shape -> keys.add(shape.name() + "@" + shape.revision()));
        renames.forEach((from, to) -> keys.add(from + ">" + to));
        return UUID.nameUUIDFromBytes(String.join("\n", keys).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Upcasts one shape of {@code stored} until nothing more applies, adding the results to {@code out} in the order
     * the upcasters gave them. {@code payload} is the tree an earlier upcaster returned, or null for the stored
     * event's own payload (left as text, unparsed, while only renames apply).
     */
    private void upcastInto(RecordedEvent stored, EventTypes types, String type, int revision,
            @Nullable JsonNode payload, UUID id, int steps, List<RecordedEvent> out) {
        String name = type;
        int rev = revision;
        JsonNode tree = payload;
        for (int step = steps; ; step++) {
            if (step > MAX_UPCAST_STEPS) {
                throw failed(stored, "went through more than " + MAX_UPCAST_STEPS + " upcasts (a cycle of renames?)",
                        null);
            }
            String renamed = renames.get(name);
            if (renamed != null) {
                name = renamed;
                continue;
            }
            Upcaster upcaster = upcasters.get(new Shape(name, rev));
            if (upcaster == null) {
                out.add(stored.upcastTo(id, name, rev, tree, types));
                return;
            }
            // A tree of its own for the upcaster to change: the stored event's may be shared with other readers.
            JsonNode given = tree != null ? tree : Json.parse(stored.payloadJson());
            List<EventShape> next = apply(upcaster, stored, new EventShape(name, rev, given));
            if (next.size() > 1) {
                for (int i = 0; i < next.size(); i++) {
                    EventShape shape = check(stored, name, rev, next.get(i));
                    upcastInto(stored, types, shape.eventType(), shape.revision(), shape.payload(),
                            i == 0 ? id : splitId(id, i), step + 1, out);
                }
                return;
            }
            EventShape only = check(stored, name, rev, next.get(0));
            name = only.eventType();
            rev = only.revision();
            tree = only.payload();
        }
    }

    private static List<EventShape> apply(Upcaster upcaster, RecordedEvent stored, EventShape shape) {
        List<EventShape> next;
        try {
            next = upcaster.upcast(shape);
        } catch (RuntimeException e) {
            throw failed(stored, "failed in the upcaster of " + shape.eventType() + " revision " + shape.revision()
                    + ": " + e.getClass().getSimpleName(), e);
        }
        if (next == null || next.isEmpty()) {
            throw failed(stored, "got no event from the upcaster of " + shape.eventType() + " revision "
                    + shape.revision() + "; an upcaster returns at least one", null);
        }
        return next;
    }

    private static EventShape check(RecordedEvent stored, String name, int revision, EventShape next) {
        if (next == null) {
            throw failed(stored, "got null from the upcaster of " + name + " revision " + revision, null);
        }
        if (next.eventType().equals(name) && next.revision() <= revision) {
            throw failed(stored, "was upcast from " + name + " revision " + revision + " to revision "
                    + next.revision() + "; an upcaster must return a later revision or another type", null);
        }
        return next;
    }

    /** The id of the {@code index}-th event an upcaster split {@code id}'s event into: the same on every read. */
    static UUID splitId(UUID id, int index) {
        return UUID.nameUUIDFromBytes((id + "/" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static IllegalStateException failed(RecordedEvent stored, String what,
            @Nullable RuntimeException cause) {
        return new IllegalStateException("event " + stored.eventId() + " (" + stored.stream() + " at "
                + stored.sequence() + ", " + stored.eventType() + " revision " + stored.revision() + ") " + what,
                cause);
    }

    @Override
    public String toString() {
        return "upcasters for " + upcasters.keySet() + ", renames " + renames;
    }
}
