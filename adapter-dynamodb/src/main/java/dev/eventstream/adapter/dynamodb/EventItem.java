package dev.eventstream.adapter.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.Limits;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.aws.Hashes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One row of the events table: an event, a stream's snapshot, or the marker that lists an aggregation. Mutable
 * because that is how the Enhanced Client maps rows; it never leaves this package.
 *
 * <p>Attribute names are short on purpose: DynamoDB counts them in every item's size, and so in its cost.
 */
final class EventItem {
    /** Partition key: {@link StreamKey#asString()} for events, {@link #MARKER_PREFIX} + aggregation for markers. */
    static final String PK = "pk";
    /** Sort key: the event's sequence; 0 on an aggregation marker. */
    static final String SEQ = "seq";
    static final String ID = "id";
    static final String TYPE = "type";
    /** The payload as JSON text. */
    static final String DATA = "data";
    /** Commit timestamp, epoch milliseconds, by this store's clock. */
    static final String TS = "ts";
    /**
     * The event's metadata as its JSON text ({@link NewEvent#metadataJson()}); only on an event that has metadata,
     * so an event without it costs not a byte more.
     */
    static final String META = "meta";
    /** The event's revision; only when it is not 1, which an item without it reads back as. */
    static final String REV = "rev";
    /** Expiry for DynamoDB TTL, epoch seconds; only when a ttl is configured. */
    static final String EXP = "exp";
    /** On a snapshot: the sequence of the last event it folds (a snapshot lives at sequence 0 of its stream). */
    static final String SNAPSHOT_SEQ = "snap";
    /** On a snapshot: its JSON, deflated (zlib format), since a folded history lists every event's type. */
    static final String DEFLATED = "z";
    /** On a state snapshot (at a negative sequence): the fold's state version it was made with. */
    static final String STATE_VERSION = "sver";
    /** Partition key of the listing index; set only on a stream's first event and on aggregation markers. */
    static final String LIST_PK = "lpk";
    /**
     * Sort key of the listing index: the stream id, or the aggregation on a marker, encoded by
     * {@link SortableNames} so that DynamoDB sorts names as {@link String#compareTo} does.
     */
    static final String LIST_SK = "lsk";

    /**
     * Partition key of the pending index, set on an event while its publication is pending (only once publication
     * tracking is on): {@link #PENDING_PARTITION_PREFIX} + a shard of the stream, spreading the writes over
     * {@link #PENDING_SHARDS} index partitions.
     */
    static final String PENDING_PK = "ppk";
    /** Sort key of the pending index: a hash of the stream, then the sequence: a stream's events oldest first. */
    static final String PENDING_SK = "psk";

    static final String LISTING_INDEX = "listing";
    static final String PENDING_INDEX = "pending";
    static final String PENDING_PARTITION_PREFIX = "pending:";
    static final int PENDING_SHARDS = 8;
    private static final int PENDING_SORT_KEY_BYTES = 24;
    /** A UUID's text form, which the id attribute holds: always 36 ASCII characters. */
    private static final int UUID_CHARS = 36;
    /** Listing partition of every aggregation marker. */
    static final String AGGREGATIONS_PARTITION = "aggregations";
    /** Listing partition of an aggregation's streams is this prefix + the aggregation. */
    static final String STREAMS_PARTITION_PREFIX = "streams:";
    /**
     * Stream partition keys start with the aggregation's length, at least 1 ({@code 6:orders123}), so no stream
     * key starts with {@code 0:}: markers cannot collide with a stream.
     */
    static final String MARKER_PREFIX = "0:";

    /** Built once: the Enhanced Client maps with these getters and setters, no reflection per call. */
    static final TableSchema<EventItem> SCHEMA = StaticTableSchema.builder(EventItem.class)
            .newItemSupplier(EventItem::new)
            .addAttribute(String.class, a -> a.name(PK).getter(EventItem::pk).setter(EventItem::pk)
                    .tags(primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name(SEQ).getter(EventItem::seq).setter(EventItem::seq)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name(ID).getter(EventItem::id).setter(EventItem::id))
            .addAttribute(String.class, a -> a.name(TYPE).getter(EventItem::type).setter(EventItem::type))
            .addAttribute(String.class, a -> a.name(DATA).getter(EventItem::data).setter(EventItem::data))
            .addAttribute(Long.class, a -> a.name(TS).getter(EventItem::ts).setter(EventItem::ts))
            .addAttribute(String.class, a -> a.name(META).getter(EventItem::meta).setter(EventItem::meta))
            .addAttribute(Long.class, a -> a.name(REV).getter(EventItem::rev).setter(EventItem::rev))
            .addAttribute(Long.class, a -> a.name(EXP).getter(EventItem::exp).setter(EventItem::exp))
            .addAttribute(Long.class, a -> a.name(SNAPSHOT_SEQ).getter(EventItem::snap).setter(EventItem::snap))
            .addAttribute(SdkBytes.class, a -> a.name(DEFLATED).getter(EventItem::deflated)
                    .setter(EventItem::deflated))
            .addAttribute(Integer.class, a -> a.name(STATE_VERSION).getter(EventItem::stateVersion)
                    .setter(EventItem::stateVersion))
            .addAttribute(String.class, a -> a.name(PENDING_PK).getter(EventItem::pendingPk)
                    .setter(EventItem::pendingPk).tags(secondaryPartitionKey(PENDING_INDEX)))
            .addAttribute(SdkBytes.class, a -> a.name(PENDING_SK).getter(EventItem::pendingSk)
                    .setter(EventItem::pendingSk).tags(secondarySortKey(PENDING_INDEX)))
            .addAttribute(String.class, a -> a.name(LIST_PK).getter(EventItem::listPk).setter(EventItem::listPk)
                    .tags(secondaryPartitionKey(LISTING_INDEX)))
            .addAttribute(SdkBytes.class, a -> a.name(LIST_SK).getter(EventItem::listSk).setter(EventItem::listSk)
                    .tags(secondarySortKey(LISTING_INDEX)))
            .build();

    private @Nullable String pk;
    private @Nullable Long seq;
    private @Nullable String id;
    private @Nullable String type;
    private @Nullable String data;
    private @Nullable Long ts;
    private @Nullable String meta;
    private @Nullable Long rev;
    private @Nullable Long exp;
    private @Nullable Long snap;
    private @Nullable SdkBytes deflated;
    private @Nullable Integer stateVersion;
    private @Nullable String pendingPk;
    private @Nullable SdkBytes pendingSk;
    private @Nullable String listPk;
    private @Nullable SdkBytes listSk;

    /**
     * The row of an event; the first event of a stream also lists the stream in its aggregation, and a
     * {@code pending} event is in the pending index until it is marked published.
     */
    static EventItem event(StreamKey stream, long sequence, NewEvent event, Instant commitTimestamp,
            @Nullable Long expiresAtEpochSecond, boolean pending) {
        EventItem item = new EventItem();
        item.pk = stream.asString();
        item.seq = sequence;
        item.id = event.eventId().toString();
        item.type = event.eventType();
        item.data = event.payloadJson();
        item.ts = commitTimestamp.toEpochMilli();
        item.meta = storedMetadata(event);
        item.rev = storedRevision(event);
        item.exp = expiresAtEpochSecond;
        if (sequence == 1) {
            item.listPk = streamsPartition(stream.aggregation());
            item.listSk = sortableName(stream.streamId());
        }
        if (pending) {
            item.pendingPk = pendingPartition(item.pk);
            item.pendingSk = pendingSortKey(item.pk, sequence);
        }
        return item;
    }

    /** What {@link #META} holds for {@code event}: its metadata's JSON text, or null (no attribute) for none. */
    static @Nullable String storedMetadata(NewEvent event) {
        return event.metadata().isEmpty() ? null : event.metadataJson();
    }

    /** What {@link #REV} holds for {@code event}: its revision, or null (no attribute) for the default 1. */
    static @Nullable Long storedRevision(NewEvent event) {
        return event.revision() == 1 ? null : (long) event.revision();
    }

    /** The pending-index partition of the stream stored under {@code pk}; String.hashCode is fixed by its spec. */
    static String pendingPartition(String pk) {
        return PENDING_PARTITION_PREFIX + pendingShard(pk);
    }

    /** The pending-index shard, 0 to {@link #PENDING_SHARDS} - 1, of the stream stored under {@code pk}. */
    static int pendingShard(String pk) {
        return Math.floorMod(pk.hashCode(), PENDING_SHARDS);
    }

    /**
     * 16 bytes of the stream's SHA-256, then the sequence big-endian: 24 bytes whatever the stream's name (a stream
     * key can be longer than DynamoDB's 1,024-byte sort key), grouping each stream's events oldest first.
     */
    static SdkBytes pendingSortKey(String pk, long sequence) {
        byte[] hash = Hashes.sha256(pk);
        return SdkBytes.fromByteBuffer(
                ByteBuffer.allocate(PENDING_SORT_KEY_BYTES).put(hash, 0, 16).putLong(sequence).flip());
    }

    /**
     * The size DynamoDB gives the item {@link #event} makes of {@code event}, were it the stream's first event
     * (which also carries the listing keys) marked pending and at the largest sequence: the most any position can
     * make it. Counted from the lengths, without building the item, since every append checks it;
     * EventItemSizeTest holds it to the size of the mapped item.
     */
    static long worstCaseEventSize(StreamKey stream, NewEvent event, Instant commitTimestamp,
            @Nullable Long expiresAtEpochSecond) {
        String pk = stream.asString();
        String metadata = storedMetadata(event);
        Long revision = storedRevision(event);
        long size = PK.length() + ItemSize.utf8Length(pk)
                + SEQ.length() + ItemSize.numberSize(Long.toString(Long.MAX_VALUE))
                + ID.length() + UUID_CHARS
                + TYPE.length() + ItemSize.utf8Length(event.eventType())
                + DATA.length() + ItemSize.utf8Length(event.payloadJson())
                + TS.length() + ItemSize.numberSize(Long.toString(commitTimestamp.toEpochMilli()))
                + (metadata == null ? 0 : META.length() + ItemSize.utf8Length(metadata))
                + (revision == null ? 0 : REV.length() + ItemSize.numberSize(Long.toString(revision)))
                // Sortable names keep each character's UTF-8 length.
                + LIST_PK.length() + ItemSize.utf8Length(streamsPartition(stream.aggregation()))
                + LIST_SK.length() + ItemSize.utf8Length(stream.streamId())
                + PENDING_PK.length() + ItemSize.utf8Length(pendingPartition(pk))
                + PENDING_SK.length() + PENDING_SORT_KEY_BYTES;
        return expiresAtEpochSecond == null ? size
                : size + EXP.length() + ItemSize.numberSize(Long.toString(expiresAtEpochSecond));
    }

    /** The size DynamoDB gives {@link #aggregationMarker}'s item, counted as {@link #worstCaseEventSize} is. */
    static long aggregationMarkerSize(String aggregation) {
        return PK.length() + ItemSize.utf8Length(MARKER_PREFIX + aggregation)
                + SEQ.length() + ItemSize.numberSize("0")
                + LIST_PK.length() + ItemSize.utf8Length(AGGREGATIONS_PARTITION)
                + LIST_SK.length() + ItemSize.utf8Length(aggregation);
    }

    /** The stream whose partition key is {@code pk}: {@link StreamKey#asString()} read backwards. */
    static StreamKey streamOf(String pk) {
        int colon = pk.indexOf(':');
        int aggregationLength = Integer.parseInt(pk.substring(0, colon));
        int aggregationEnd = colon + 1 + aggregationLength;
        return new StreamKey(pk.substring(colon + 1, aggregationEnd), pk.substring(aggregationEnd));
    }

    /**
     * The row holding the stream's snapshot: sequence 0 of the stream's own partition, below every event, so reads
     * of events (from sequence 1) never meet it.
     */
    static EventItem snapshot(StreamKey stream, long sequence, byte[] deflatedJson,
            @Nullable Long expiresAtEpochSecond) {
        EventItem item = new EventItem();
        item.pk = stream.asString();
        item.seq = 0L;
        item.snap = sequence;
        item.deflated = SdkBytes.fromByteArrayUnsafe(deflatedJson);
        item.exp = expiresAtEpochSecond;
        return item;
    }

    /**
     * The row holding a typed fold's state snapshot: at sort key {@code slot} (negative) of the stream's partition,
     * below the seed's snapshot and every event.
     */
    static EventItem stateSnapshot(StreamKey stream, long slot, long sequence, int stateVersion, byte[] deflatedJson,
            @Nullable Long expiresAtEpochSecond) {
        EventItem item = snapshot(stream, sequence, deflatedJson, expiresAtEpochSecond);
        item.seq = slot;
        item.stateVersion = stateVersion;
        return item;
    }

    /** The row that lists {@code aggregation} among the aggregations. */
    static EventItem aggregationMarker(String aggregation) {
        EventItem item = new EventItem();
        item.pk = MARKER_PREFIX + aggregation;
        item.seq = 0L;
        item.listPk = AGGREGATIONS_PARTITION;
        item.listSk = sortableName(aggregation);
        return item;
    }

    private static SdkBytes sortableName(String name) {
        return SdkBytes.fromByteArray(SortableNames.encode(name));
    }

    /** When an item committed at {@code commitTimestamp} expires: rounded up, so never before {@code ttl} passed. */
    static @Nullable Long expiry(Instant commitTimestamp, @Nullable Duration ttl) {
        if (ttl == null) {
            return null;
        }
        Instant expiry = commitTimestamp.plus(ttl);
        return expiry.getNano() == 0 ? expiry.getEpochSecond() : expiry.getEpochSecond() + 1;
    }

    static String streamsPartition(String aggregation) {
        return STREAMS_PARTITION_PREFIX + aggregation;
    }

    /**
     * The event this row holds, as a record of {@code stream}; its payload is parsed when first asked for. An item
     * without {@link #META} or {@link #REV} (every event stored before they existed, and every event without
     * metadata) reads back with none and revision 1.
     *
     * @throws IllegalStateException naming the item when it is not an event, or its metadata or revision cannot be
     *     read
     */
    RecordedEvent toRecordedEvent(StreamKey stream) {
        if (seq == null || id == null || type == null || data == null || ts == null) {
            throw notAnEvent(pk, seq);
        }
        return RecordedEvent.withPayloadJson(stream.aggregation(), stream.streamId(), seq, UUID.fromString(id), type,
                revision(), data, metadata(), Instant.ofEpochMilli(ts));
    }

    /**
     * The event an attribute map of a low-level Query holds, as {@link #toRecordedEvent(StreamKey)} reads a mapped
     * row: the same attributes, without the table schema's mapping in between.
     */
    static RecordedEvent toRecordedEvent(StreamKey stream, Map<String, AttributeValue> item) {
        AttributeValue seq = item.get(SEQ);
        AttributeValue id = item.get(ID);
        AttributeValue type = item.get(TYPE);
        AttributeValue data = item.get(DATA);
        AttributeValue ts = item.get(TS);
        if (seq == null || seq.n() == null || id == null || id.s() == null || type == null || type.s() == null
                || data == null || data.s() == null || ts == null || ts.n() == null) {
            AttributeValue pk = item.get(PK);
            throw notAnEvent(pk == null ? null : pk.s(), seq == null ? null : seq.n());
        }
        AttributeValue meta = item.get(META);
        AttributeValue rev = item.get(REV);
        if (meta != null && meta.s() == null || rev != null && rev.n() == null) {
            throw new IllegalStateException("item " + stream.asString() + "/" + seq.n() + " of the events table is"
                    + " not an event written by this store: its " + META + " is not a string or its " + REV
                    + " not a number");
        }
        long sequence = Long.parseLong(seq.n());
        // Most events have neither attribute: their reads then build no text for an error that cannot happen.
        int revision = rev == null ? 1 : revisionOf(rev.n(), stream.asString(), sequence);
        EventMetadata metadata = meta == null ? EventMetadata.none()
                : metadataOf(meta.s(), stream.asString(), sequence);
        return RecordedEvent.withPayloadJson(stream.aggregation(), stream.streamId(), sequence,
                UUID.fromString(id.s()), type.s(), revision, data.s(), metadata,
                Instant.ofEpochMilli(Long.parseLong(ts.n())));
    }

    /** The metadata this event row holds; none when it has no {@link #META}. */
    EventMetadata metadata() {
        return metadataOf(meta, pk, seq);
    }

    /** The revision this event row holds; 1 when it has no {@link #REV}. */
    int revision() {
        return revisionOf(rev == null ? null : rev.toString(), pk, seq);
    }

    /**
     * Reads stored metadata. The error names the item, and what is wrong as {@link EventMetadata#fromJson} words it
     * (which field, never its value), as an unreadable payload's error does: metadata is event data.
     */
    private static EventMetadata metadataOf(@Nullable String json, @Nullable String pk, @Nullable Object seq) {
        if (json == null) {
            return EventMetadata.none();
        }
        try {
            return EventMetadata.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the metadata (" + META + ") of item " + pk + "/" + seq + " of the events"
                    + " table cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a stored revision; an error names the item. */
    private static int revisionOf(@Nullable String number, @Nullable String pk, @Nullable Object seq) {
        if (number == null) {
            return 1;
        }
        long revision;
        try {
            revision = Long.parseLong(number);
        } catch (NumberFormatException e) {
            revision = 0;
        }
        if (revision < 1 || revision > Limits.MAX_REVISION) {
            throw new IllegalStateException("the revision (" + REV + ") of item " + pk + "/" + seq + " of the events"
                    + " table is " + number + ", not a whole number from 1 to " + Limits.MAX_REVISION);
        }
        return (int) revision;
    }

    private static IllegalStateException notAnEvent(@Nullable String pk, @Nullable Object seq) {
        return new IllegalStateException("item " + pk + "/" + seq + " of the events table is not an event written"
                + " by this store: it lacks one of " + SEQ + ", " + ID + ", " + TYPE + ", " + DATA + ", " + TS);
    }

    @Nullable String pk() {
        return pk;
    }

    void pk(@Nullable String pk) {
        this.pk = pk;
    }

    @Nullable Long seq() {
        return seq;
    }

    /** The sort key, which every row has. */
    long sequence() {
        if (seq == null) {
            throw new IllegalStateException("item " + pk + " of the events table has no " + SEQ);
        }
        return seq;
    }

    void seq(@Nullable Long seq) {
        this.seq = seq;
    }

    @Nullable String id() {
        return id;
    }

    void id(@Nullable String id) {
        this.id = id;
    }

    @Nullable String type() {
        return type;
    }

    void type(@Nullable String type) {
        this.type = type;
    }

    @Nullable String data() {
        return data;
    }

    void data(@Nullable String data) {
        this.data = data;
    }

    @Nullable Long ts() {
        return ts;
    }

    void ts(@Nullable Long ts) {
        this.ts = ts;
    }

    @Nullable String meta() {
        return meta;
    }

    void meta(@Nullable String meta) {
        this.meta = meta;
    }

    @Nullable Long rev() {
        return rev;
    }

    void rev(@Nullable Long rev) {
        this.rev = rev;
    }

    @Nullable Long exp() {
        return exp;
    }

    void exp(@Nullable Long exp) {
        this.exp = exp;
    }

    @Nullable Long snap() {
        return snap;
    }

    void snap(@Nullable Long snap) {
        this.snap = snap;
    }

    @Nullable SdkBytes deflated() {
        return deflated;
    }

    void deflated(@Nullable SdkBytes deflated) {
        this.deflated = deflated;
    }

    @Nullable Integer stateVersion() {
        return stateVersion;
    }

    void stateVersion(@Nullable Integer stateVersion) {
        this.stateVersion = stateVersion;
    }

    @Nullable String pendingPk() {
        return pendingPk;
    }

    void pendingPk(@Nullable String pendingPk) {
        this.pendingPk = pendingPk;
    }

    @Nullable SdkBytes pendingSk() {
        return pendingSk;
    }

    void pendingSk(@Nullable SdkBytes pendingSk) {
        this.pendingSk = pendingSk;
    }

    @Nullable String listPk() {
        return listPk;
    }

    void listPk(@Nullable String listPk) {
        this.listPk = listPk;
    }

    @Nullable SdkBytes listSk() {
        return listSk;
    }

    void listSk(@Nullable SdkBytes listSk) {
        this.listSk = listSk;
    }

    /** The name this listing entry holds: a stream id or an aggregation. */
    String listedName() {
        if (listSk == null) {
            throw new IllegalStateException("item " + pk + "/" + seq + " is not a listing entry: it lacks " + LIST_SK);
        }
        return SortableNames.decode(listSk.asByteArrayUnsafe());
    }
}
