package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.Limits;
import dev.eventstream.api.StreamKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact forms of a feed chunk's entries and checkpoints, and the chunk item's size limit. */
class FeedCodecTest {

    @Test
    void entriesReadBackAsTheyWereWrittenWhateverTheirNamesHold() {
        // given: names with the key's own colon, quotes, backslashes and characters beyond ASCII
        List<FeedPointer> entries = List.of(
                new FeedPointer(StreamKey.of("orders", "1"), 1, UUID.randomUUID(), "PLACED", 1_700_000_000_123L),
                new FeedPointer(StreamKey.of("a:b", "c"), 7, UUID.randomUUID(), "type \"quoted\" \\", 0),
                new FeedPointer(StreamKey.of("a", "b:c"), Long.MAX_VALUE, UUID.randomUUID(), "Größe 😀", -1));

        // when
        String text = FeedCodec.encodeEntries(entries);

        // then
        assertThat(FeedCodec.decodeEntries(text)).isEqualTo(entries);
        assertThat(text).startsWith("[[\"6:orders1\",1,\"");
    }

    @Test
    void checkpointsReadBackAsTheyWereWritten() {
        ShardCheckpoints checkpoints = ShardCheckpoints.NONE
                .with("shardId-00000001700000000000-abcdef01", "49000000000000000000000000000000000000001")
                .with("shardId-00000001700000000001-abcdef02", "");

        assertThat(FeedCodec.decodeCheckpoints(FeedCodec.encodeCheckpoints(checkpoints))).isEqualTo(checkpoints);
        assertThat(FeedCodec.decodeCheckpoints(FeedCodec.encodeCheckpoints(ShardCheckpoints.NONE)))
                .isEqualTo(ShardCheckpoints.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"6:orders1", "3:a:bc", "1:ab:c", "2:😀x"})
    void streamKeysParseBackToTheKeyThatMadeThem(String text) {
        assertThat(FeedCodec.parseStreamKey(text).asString()).isEqualTo(text);
    }

    @Test
    void aStreamKeyOfAnotherFormIsRejectedSayingHow() {
        assertThatThrownBy(() -> FeedCodec.parseStreamKey("orders1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream key 'orders1' does not start with the aggregation's length and a colon");
        assertThatThrownBy(() -> FeedCodec.parseStreamKey("x:orders1"))
                .hasMessage("stream key 'x:orders1' does not start with the aggregation's length and a colon");
        assertThatThrownBy(() -> FeedCodec.parseStreamKey("6:orders"))
                .hasMessage("stream key '6:orders' gives the aggregation 6 characters, leaving no stream id");
    }

    @Test
    void entriesThatAreNotWhatTheStoreWritesAreRejectedNamingTheEntry() {
        assertThatThrownBy(() -> FeedCodec.decodeEntries("[[\"6:orders1\",1,\"not-a-uuid\",\"T\",5]]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry 0 has event id 'not-a-uuid', which is no UUID");
        assertThatThrownBy(() -> FeedCodec.decodeEntries("[[\"6:orders1\",\"1\"]]"))
                .hasMessage("expected VALUE_NUMBER_INT for entry 0 sequence, found VALUE_STRING");
        assertThatThrownBy(() -> FeedCodec.decodeEntries("[[\"6:orders1\",1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChunkOfTheLongestEntriesTheStoreAcceptsFitsOneItem() {
        // given: 100 entries of the longest aggregation, stream id and type, every character one JSON escapes
        StreamKey longest = StreamKey.of("\"".repeat(Limits.MAX_AGGREGATION_BYTES),
                "\\".repeat(Limits.MAX_STREAM_ID_BYTES));
        List<FeedPointer> entries = IntStream.range(0, FeedChunks.MAX_ENTRIES)
                .mapToObj(i -> new FeedPointer(longest, Long.MAX_VALUE - i, UUID.randomUUID(),
                        "\"".repeat(Limits.MAX_EVENT_TYPE_BYTES), Long.MAX_VALUE))
                .toList();
        FeedChunk chunk = new FeedChunk(Long.MAX_VALUE / 2, entries, ShardCheckpoints.NONE
                .with("shardId-00000001700000000000-abcdef01", "4".repeat(40)), Long.MAX_VALUE);

        // when
        long size = ItemSize.of(chunk.toItem(Long.MAX_VALUE));

        // then
        assertThat(size).isLessThan(ItemSize.MAX_ITEM_BYTES);
        assertThat(FeedChunk.fromItem(chunk.toItem(0), "feed")).isEqualTo(chunk);
    }

    @Test
    void aChunkWhoseItemWouldExceed400KbIsRefusedSayingWhy() {
        // given: checkpoints of very many shards
        Map<String, String> shards = new HashMap<>();
        IntStream.range(0, 5_000).forEach(i -> shards.put("shardId-00000001700000000000-" + i, "4".repeat(80)));
        FeedChunk chunk = new FeedChunk(1, List.of(new FeedPointer(StreamKey.of("orders", "1"), 1, UUID.randomUUID(),
                "PLACED", 0)), new ShardCheckpoints(shards), 0);

        // when / then
        assertThatThrownBy(() -> chunk.toItem(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the feed chunk at position 1 of 1 entries and 5000 shard checkpoints would be"
                        + " an item of ")
                .hasMessageEndingWith("bytes, more than DynamoDB's 409600: write fewer entries in it");
    }

    @Test
    void aChunkHoldsOneToAHundredEntriesFromPositionOne() {
        FeedPointer entry = new FeedPointer(StreamKey.of("orders", "1"), 1, UUID.randomUUID(), "PLACED", 0);
        assertThatThrownBy(() -> new FeedChunk(1, List.of(), ShardCheckpoints.NONE, 0))
                .hasMessage("a chunk holds 1 to 100 entries, was 0");
        assertThatThrownBy(() -> new FeedChunk(1, java.util.Collections.nCopies(101, entry), ShardCheckpoints.NONE, 0))
                .hasMessage("a chunk holds 1 to 100 entries, was 101");
        assertThatThrownBy(() -> new FeedChunk(0, List.of(entry), ShardCheckpoints.NONE, 0))
                .hasMessage("firstPosition must be at least 1, was 0");
    }

    @Test
    void parkedTimesReadBackToTheNanosecondAsEpochMilliseconds() {
        java.time.Instant at = java.time.Instant.parse("2026-12-02T18:37:11.123456789Z");

        assertThat(DynamoDbParkedEntries.epochMillis(at)).isEqualTo(at.toEpochMilli() + ".456789");
        assertThat(DynamoDbParkedEntries.instant(DynamoDbParkedEntries.epochMillis(at))).isEqualTo(at);
        java.time.Instant early = java.time.Instant.parse("1960-01-01T00:00:00.5Z");
        assertThat(DynamoDbParkedEntries.instant(DynamoDbParkedEntries.epochMillis(early))).isEqualTo(early);
    }
}
