package dev.eventstream.adapter.dynamodb;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attribute map of an event's item for its single-event PutItem, built straight from the item's fields: the
 * map {@code EventItem.SCHEMA.itemToMap(item, true)} gives, without the table schema resolving a converter and
 * calling a getter per attribute on every append. Attributes without a value are left out, as the schema leaves
 * them out. EventPutTest holds it to the schema's map, and fails naming any attribute the schema gains that this
 * class does not write.
 */
final class EventPut {
    /** The attributes {@link #attributes} writes: every one an event item can have. */
    static final Set<String> WRITTEN = Set.of(EventItem.PK, EventItem.SEQ, EventItem.ID, EventItem.TYPE,
            EventItem.DATA, EventItem.META, EventItem.REV, EventItem.TS, EventItem.EXP, EventItem.PENDING_PK,
            EventItem.PENDING_SK, EventItem.LIST_PK, EventItem.LIST_SK);
    /** Attributes only snapshots have, never written here. */
    static final Set<String> NOT_ON_EVENTS = Set.of(EventItem.SNAPSHOT_SEQ, EventItem.DEFLATED,
            EventItem.STATE_VERSION);

    private EventPut() {}

    /** The item's attributes, as the table schema maps them. */
    static Map<String, AttributeValue> attributes(EventItem item) {
        if (item.snap() != null || item.deflated() != null || item.stateVersion() != null) {
            // Not an event: let the schema map it, whatever it holds.
            return EventItem.SCHEMA.itemToMap(item, true);
        }
        Map<String, AttributeValue> attributes = new HashMap<>(16);
        putString(attributes, EventItem.PK, item.pk());
        putNumber(attributes, EventItem.SEQ, item.seq());
        putString(attributes, EventItem.ID, item.id());
        putString(attributes, EventItem.TYPE, item.type());
        putString(attributes, EventItem.DATA, item.data());
        putString(attributes, EventItem.META, item.meta());
        putNumber(attributes, EventItem.REV, item.rev());
        putNumber(attributes, EventItem.TS, item.ts());
        putNumber(attributes, EventItem.EXP, item.exp());
        putString(attributes, EventItem.PENDING_PK, item.pendingPk());
        putBytes(attributes, EventItem.PENDING_SK, item.pendingSk());
        putString(attributes, EventItem.LIST_PK, item.listPk());
        putBytes(attributes, EventItem.LIST_SK, item.listSk());
        return attributes;
    }

    private static void putString(Map<String, AttributeValue> attributes, String name, @Nullable String value) {
        if (value != null) {
            attributes.put(name, AttributeValue.fromS(value));
        }
    }

    private static void putNumber(Map<String, AttributeValue> attributes, String name, @Nullable Long value) {
        if (value != null) {
            attributes.put(name, AttributeValue.fromN(Long.toString(value)));
        }
    }

    private static void putBytes(Map<String, AttributeValue> attributes, String name, @Nullable SdkBytes value) {
        if (value != null) {
            attributes.put(name, AttributeValue.fromB(value));
        }
    }
}
