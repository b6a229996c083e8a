package dev.eventstream.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The event classes a store knows, each with its stored type name and revision, the upcasters that bring older
 * shapes to today's, and the {@link EventSerializer} that writes and reads payloads. Immutable and thread-safe;
 * give one to the store when it is built, and it applies on every path: typed appends name their events here, and
 * every read (stream reads, {@code loadFromHistory}, folds, subscriptions, the feed) returns events upcast to
 * today's shape, whose {@link RecordedEvent#event()} is an instance of the registered class.
 *
 * <pre>{@code
 * EventTypes types = EventTypes.builder()
 *         .registerSealed(AccountEvent.class)                   // each record annotated with @EventType
 *         .upcast(Deposited.class, 1, payload -> payload.put("currency", "EUR"))
 *         .rename("MoneyWithdrawn", "Withdrawn")
 *         .build();
 * }</pre>
 */
public final class EventTypes {
    private static final EventTypes NONE = builder().build();

    private final Map<Class<?>, Registration> byClass;
    private final Map<String, Registration> byName;
    private final UpcastChains chains;
    private final EventSerializer serializer;
    private final boolean unknownAsUntyped;

    /** A class's stored name and current revision. */
    private record Registration(Class<?> eventClass, String name, int revision) {}


    private EventTypes(Builder builder) {
        this.byClass = Map.copyOf(builder.byClass);
        this.byName = Map.copyOf(builder.byName);
        this.chains = new UpcastChains(builder.upcasters, builder.renames);
        this.serializer = builder.serializer;
        this.unknownAsUntyped = builder.unknownAsUntyped;
    }

    /** No classes, no upcasters, the store's own serializer: what a store built without types uses. */
    public static EventTypes none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public EventSerializer serializer() {
        return serializer;
    }

    /** The stored type name of {@code eventClass}, if registered. */
    public Optional<String> typeName(Class<?> eventClass) {
        Registration registration = byClass.get(eventClass);
        return registration == null ? Optional.empty() : Optional.of(registration.name());
    }

    /** The class registered for {@code typeName}, if any. */
    public Optional<Class<?>> eventClass(String typeName) {
        Registration registration = byName.get(typeName);
        return registration == null ? Optional.empty() : Optional.of(registration.eventClass());
    }

    /** Whether any upcaster or rename is registered, i.e. whether reads may change events at all. */
    public boolean upcasts() {
        return !chains.isEmpty();
    }

    /**
     * A name for the set of upcasters and renames (their type names and revisions, not their code): it changes when
     * one is added or removed, so what was folded from events read with other upcasters can be told apart.
     */
    public String upcastersSignature() {
        return chains.signature();
    }

    /**
     * The event to append for {@code event}, an instance of a registered class: its type name and revision from
     * the registration, its payload written once by the serializer.
     *
     * @throws IllegalArgumentException when the class is not registered, or the payload cannot be written
     */
    public NewEvent newEvent(UUID eventId, Object event, EventMetadata metadata) {
        requireNonNull(event, "event is null");
        Registration registration = byClass.get(event.getClass());
        if (registration == null) {
            String fix = byClass.isEmpty()
                    ? "the store has no EventTypes: build it with DefaultEventStore.builder(..).eventTypes(types)"
                            + " (or bind EventTypes in Guice), or append a NewEvent"
                    : "register it (EventTypes.builder().register(" + event.getClass().getSimpleName()
                            + ".class)) or append a NewEvent";
            throw new IllegalArgumentException(event.getClass().getName() + " is not registered in EventTypes: "
                    + fix);
        }
        return new NewEvent(eventId, registration.name(), registration.revision(), serializer.serialize(event),
                metadata);
    }

    /** {@link #newEvent(UUID, Object, EventMetadata)} with a random id and no metadata. */
    public NewEvent newEvent(Object event) {
        return newEvent(UUID.randomUUID(), event, EventMetadata.none());
    }

    /**
     * {@code stored} as readers see it: upcast to today's shape (usually itself, untouched and unparsed, when no
     * upcaster applies), reading its payload with this registry's classes and serializer. An event split by an
     * upcaster gives several, each with the stored event's stream, sequence, metadata and commit time; the first
     * keeps the stored event's id, the others get ids derived from it (the same on every read).
     *
     * @throws IllegalStateException when an upcaster fails or returns what it may not, naming the event
     */
    public List<RecordedEvent> read(RecordedEvent stored) {
        requireNonNull(stored, "stored is null");
        if (!chains.appliesTo(stored.eventType(), stored.revision())) {
            return List.of(stored.readWith(this));
        }
        return chains.upcast(stored, this);
    }

    /** {@link #read(RecordedEvent)} handing each event read to {@code to}: no list for an event read as itself. */
    public void read(RecordedEvent stored, Consumer<? super RecordedEvent> to) {
        requireNonNull(stored, "stored is null");
        if (!chains.appliesTo(stored.eventType(), stored.revision())) {
            to.accept(stored.readWith(this));
        } else {
            chains.upcast(stored, this).forEach(to);
        }
    }

    /**
     * Every event of {@code stored} {@linkplain #read(RecordedEvent) read}, in order. When none is changed (no
     * upcaster applies, and each could take this registry as its own), that is {@code stored} itself: a read of
     * today's events costs a lookup per event, and no copy.
     */
    public List<RecordedEvent> readAll(List<RecordedEvent> stored) {
        requireNonNull(stored, "stored is null");
        List<RecordedEvent> out = null;
        for (int i = 0; i < stored.size(); i++) {
            RecordedEvent event = stored.get(i);
            boolean upcast = chains.appliesTo(event.eventType(), event.revision());
            RecordedEvent read = upcast ? null : event.readWith(this);
            if (out == null) {
                if (read == event) {
                    continue;
                }
                out = new ArrayList<>(stored.size() + 1);
                out.addAll(stored.subList(0, i));
            }
            if (upcast) {
                out.addAll(chains.upcast(event, this));
            } else {
                out.add(read);
            }
        }
        return out == null ? stored : Collections.unmodifiableList(out);
    }

    /**
     * The payload of {@code event} as an instance of its type's registered class; for a type without a class, its
     * payload tree when unknown types are read as untyped, else an {@link UnknownEventTypeException}.
     */
    Object decode(RecordedEvent event) {
        Registration registration = byName.get(event.eventType());
        if (registration == null) {
            if (unknownAsUntyped) {
                return event.payload();
            }
            throw new UnknownEventTypeException(event.eventType(), event);
        }
        return event.payloadAs(registration.eventClass());
    }

    /** Whether {@code decoded}, what {@link #decode} returned, stands for an event of a type with no class. */
    boolean isUntyped(Object decoded) {
        return unknownAsUntyped && decoded instanceof JsonNode;
    }

    @Override
    public String toString() {
        return "EventTypes[" + byName.keySet() + ", " + chains + "]";
    }

    /** Builds {@link EventTypes}; see the class comment for an example. */
    public static final class Builder {
        private final Map<Class<?>, Registration> byClass = new HashMap<>();
        private final Map<String, Registration> byName = new HashMap<>();
        private final Map<UpcastChains.Shape, Upcaster> upcasters = new HashMap<>();
        private final Map<String, String> renames = new HashMap<>();
        private EventSerializer serializer = EventSerializer.defaults();
        private boolean unknownAsUntyped;

        private Builder() {}

        /** Registers {@code eventClass} under the name and revision of its {@link EventType} annotation. */
        public Builder register(Class<?> eventClass) {
            requireNonNull(eventClass, "eventClass is null");
            EventType annotation = eventClass.getAnnotation(EventType.class);
            if (annotation == null) {
                throw new IllegalArgumentException(eventClass.getName() + " has no @EventType annotation: annotate"
                        + " it or name it with register(" + eventClass.getSimpleName() + ".class, name)");
            }
            return register(eventClass, annotation.value(), annotation.revision());
        }

        /** Registers {@code eventClass} under {@code name}, at revision 1. */
        public Builder register(Class<?> eventClass, String name) {
            return register(eventClass, name, 1);
        }

        /** Registers {@code eventClass} under {@code name} at {@code revision}. */
        public Builder register(Class<?> eventClass, String name, int revision) {
            requireNonNull(eventClass, "eventClass is null");
            Arguments.requireName(name, "type name of " + eventClass.getName(), Limits.MAX_EVENT_TYPE_BYTES);
            NewEvent.checkRevision(revision);
            Arguments.require(!eventClass.isInterface() && !java.lang.reflect.Modifier.isAbstract(
                    eventClass.getModifiers()), eventClass.getName() + " is abstract: register its concrete classes"
                    + " (registerSealed does so for a sealed type)");
            Arguments.require(!byClass.containsKey(eventClass), eventClass.getName() + " is registered twice");
            Registration taken = byName.get(name);
            if (taken != null) {
                throw new IllegalArgumentException("type name " + name + " is given to both "
                        + taken.eventClass().getName() + " and " + eventClass.getName());
            }
            Registration registration = new Registration(eventClass, name, revision);
            byClass.put(eventClass, registration);
            byName.put(name, registration);
            return this;
        }

        /**
         * Registers every concrete class permitted by the sealed {@code sealedType}, through nested sealed types,
         * each by its {@link EventType} annotation.
         */
        public Builder registerSealed(Class<?> sealedType) {
            requireNonNull(sealedType, "sealedType is null");
            Arguments.require(sealedType.isSealed(), sealedType.getName() + " is not sealed");
            for (Class<?> permitted : sealedType.getPermittedSubclasses()) {
                if (permitted.isSealed()) {
                    registerSealed(permitted);
                } else if (!permitted.isInterface()
                        && !java.lang.reflect.Modifier.isAbstract(permitted.getModifiers())) {
                    register(permitted);
                }
            }
            return this;
        }

        /**
         * Upcasts events of {@code typeName} stored at {@code fromRevision} to {@code fromRevision + 1}, by
         * {@code change} on the payload object (which it may change in place and return). A stored payload that is
         * not a JSON object fails the read naming the event; the general {@link #upcaster} takes any payload.
         */
        public Builder upcast(String typeName, int fromRevision, UnaryOperator<ObjectNode> change) {
            requireNonNull(change, "change is null");
            return upcaster(typeName, fromRevision, event -> {
                if (!(event.payload() instanceof ObjectNode object)) {
                    throw new IllegalArgumentException("the payload is a JSON " + event.payload().getNodeType()
                            + ", not an object");
                }
                return List.of(event.next(change.apply(object)));
            });
        }

        /**
         * {@link #upcast(String, int, UnaryOperator)} for the type name of {@code eventClass}'s {@link EventType}
         * annotation: {@code upcast(Deposited.class, 1, payload -> payload.put("currency", "EUR"))}.
         */
        public Builder upcast(Class<?> eventClass, int fromRevision, UnaryOperator<ObjectNode> change) {
            requireNonNull(eventClass, "eventClass is null");
            EventType annotation = eventClass.getAnnotation(EventType.class);
            if (annotation == null) {
                throw new IllegalArgumentException(eventClass.getName() + " has no @EventType annotation: name the"
                        + " type with upcast(name, revision, change)");
            }
            return upcast(annotation.value(), fromRevision, change);
        }

        /**
         * Registers {@code upcaster} for events of {@code typeName} stored at {@code fromRevision}: the general form,
         * which may also rename the type at that revision or split the event into several.
         */
        public Builder upcaster(String typeName, int fromRevision, Upcaster upcaster) {
            Arguments.requireName(typeName, "typeName", Limits.MAX_EVENT_TYPE_BYTES);
            NewEvent.checkRevision(fromRevision);
            requireNonNull(upcaster, "upcaster is null");
            Arguments.require(!renames.containsKey(typeName), typeName + " is renamed, so its upcasters would never"
                    + " run: register them for the new name");
            Upcaster earlier = upcasters.putIfAbsent(new UpcastChains.Shape(typeName, fromRevision), upcaster);
            Arguments.require(earlier == null, "an upcaster for " + typeName + " revision " + fromRevision
                    + " is registered twice");
            return this;
        }

        /**
         * Reads events stored as {@code oldName} (at any revision) as {@code newName}, at the same revision; then
         * {@code newName}'s upcasters apply. The stored events keep their name; new ones are appended as
         * {@code newName}.
         */
        public Builder rename(String oldName, String newName) {
            Arguments.requireName(oldName, "oldName", Limits.MAX_EVENT_TYPE_BYTES);
            Arguments.requireName(newName, "newName", Limits.MAX_EVENT_TYPE_BYTES);
            Arguments.require(!oldName.equals(newName), "rename of " + oldName + " to itself");
            Arguments.require(upcasters.keySet().stream().noneMatch(shape -> shape.name().equals(oldName)),
                    oldName + " has upcasters, which would never run once it is renamed: register them for "
                            + newName);
            String earlier = renames.putIfAbsent(oldName, newName);
            Arguments.require(earlier == null, oldName + " is renamed twice");
            return this;
        }

        /** Writes and reads payloads with {@code serializer}; the store's own by default. */
        public Builder serializer(EventSerializer serializer) {
            this.serializer = requireNonNull(serializer, "serializer is null");
            return this;
        }

        /** Writes and reads payloads with the application's {@code mapper}; see {@link EventSerializer#jackson}. */
        public Builder objectMapper(ObjectMapper mapper) {
            return serializer(EventSerializer.jackson(mapper));
        }

        /**
         * Reads events of types with no registered class as untyped: {@link RecordedEvent#event()} gives their
         * payload tree, and typed folds pass over them. By default such an event fails a typed read with an
         * {@link UnknownEventTypeException}.
         */
        public Builder readUnknownTypesAsUntyped() {
            this.unknownAsUntyped = true;
            return this;
        }

        /**
         * @throws IllegalArgumentException when a registered class's name is also renamed away (its events would be
         *     read as another type), or an upcaster starts at or above the revision its class is at
         */
        public EventTypes build() {
            for (Map.Entry<String, String> rename : renames.entrySet()) {
                Registration registered = byName.get(rename.getKey());
                if (registered != null) {
                    throw new IllegalArgumentException(rename.getKey() + " is registered to "
                            + registered.eventClass().getName() + " and also renamed to " + rename.getValue());
                }
            }
            for (UpcastChains.Shape shape : upcasters.keySet()) {
                Registration registered = byName.get(shape.name());
                if (registered != null && shape.revision() >= registered.revision()) {
                    throw new IllegalArgumentException("an upcaster from " + shape.name() + " revision "
                            + shape.revision() + " is registered, but " + registered.eventClass().getSimpleName()
                            + " is at revision " + registered.revision()
                            + ": upcasters bring older revisions to the class's");
                }
            }
            return new EventTypes(this);
        }
    }
}
