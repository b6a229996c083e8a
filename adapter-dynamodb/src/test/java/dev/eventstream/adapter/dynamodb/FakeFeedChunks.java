package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test double of the feed's chunk storage: a list of chunks with the rule of the real one, a chunk is written only
 * at the position right after the last chunk and only once. A write that would leave a hole or overlap a chunk is
 * an indexer bug the real storage would not catch (its condition is only on the chunk's own key), so the double
 * fails the test on it. Counts each writer's attempts, through {@link #writer(String)} views. Thread-safe.
 */
final class FakeFeedChunks {
    record Chunk(long firstPosition, List<FeedPointer> entries, ShardCheckpoints checkpoints,
            long newestRecordMillis, String writer) {}

    private final List<Chunk> chunks = new ArrayList<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, Integer> written = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int failuresToCome;
    private boolean landBeforeFailing;
    private int replaced;
    private int writesBeforeFailing;

    /** The storage as {@code writer} uses it: its writes are counted under that name. */
    FeedChunks writer(String writer) {
        requireNonNull(writer, "writer is null");
        return new FeedChunks() {
            @Override
            public FeedTail tail(int recentEntries) {
                return FakeFeedChunks.this.tail(recentEntries);
            }

            @Override
            public boolean write(long firstPosition, List<FeedPointer> entries, ShardCheckpoints checkpoints,
                    long newestRecordMillis) {
                return FakeFeedChunks.this.write(writer, firstPosition, entries, checkpoints, newestRecordMillis);
            }

            @Override
            public IndexedStreams indexedStreams(Runnable eachPage) {
                IndexedStreams indexed = FakeFeedChunks.this.indexedStreams();
                eachPage.run();
                return indexed;
            }

            @Override
            public boolean replaceCheckpoints(long firstPosition, int entryCount, ShardCheckpoints checkpoints,
                    long newestRecordMillis) {
                return FakeFeedChunks.this.replaceCheckpoints(writer, firstPosition, entryCount, checkpoints,
                        newestRecordMillis);
            }
        };
    }

    /**
     * Makes the next {@code count} writes fail with an exception, after storing the chunk when {@code land} (an
     * answer lost on the way back) or before.
     */
    synchronized void failNextWrites(int count, boolean land) {
        failuresToCome = count;
        landBeforeFailing = land;
    }

    /** Lets {@code count} more writes succeed, then fails every write (before storing) until told otherwise. */
    synchronized void failWritesAfter(int count) {
        writesBeforeFailing = count;
        failuresToCome = Integer.MAX_VALUE;
        landBeforeFailing = false;
    }

    /** Writes succeed again. */
    synchronized void stopFailing() {
        failuresToCome = 0;
        writesBeforeFailing = 0;
    }

    synchronized FeedTail tail(int recentEntries) {
        if (chunks.isEmpty()) {
            return new FeedTail(1, ShardCheckpoints.NONE, 0, List.of());
        }
        Chunk last = chunks.get(chunks.size() - 1);
        List<FeedPointer> all = entries();
        return new FeedTail(last.firstPosition() + last.entries().size(), last.checkpoints(),
                last.newestRecordMillis(), all.subList(Math.max(0, all.size() - recentEntries), all.size()));
    }

    private synchronized boolean write(String writer, long firstPosition, List<FeedPointer> entries,
            ShardCheckpoints checkpoints, long newestRecordMillis) {
        attempts.merge(writer, 1, Integer::sum);
        if (entries.isEmpty() || entries.size() > FeedChunks.MAX_ENTRIES) {
            violations.add(writer + " wrote a chunk of " + entries.size() + " entries");
            throw new IllegalArgumentException("a chunk holds 1 to 100 entries, not " + entries.size());
        }
        if (failuresToCome > 0 && !landBeforeFailing && writesBeforeFailing-- <= 0) {
            failuresToCome--;
            throw new IllegalStateException("chunk write failed (test)");
        }
        long next = nextPosition();
        if (firstPosition != next) {
            if (chunks.stream().anyMatch(chunk -> chunk.firstPosition() == firstPosition)) {
                return false;
            }
            violations.add(writer + " wrote at " + firstPosition + " while the feed ends before " + next);
            throw new IllegalStateException("a chunk at " + firstPosition + " would leave a hole or overlap;"
                    + " the next position is " + next);
        }
        chunks.add(new Chunk(firstPosition, List.copyOf(entries), checkpoints, newestRecordMillis, writer));
        written.merge(writer, 1, Integer::sum);
        if (failuresToCome > 0 && landBeforeFailing) {
            failuresToCome--;
            throw new IllegalStateException("chunk written, answer lost (test)");
        }
        return true;
    }

    private synchronized FeedChunks.IndexedStreams indexedStreams() {
        Map<dev.eventstream.api.StreamKey, Long> highest = new HashMap<>();
        entries().forEach(entry -> highest.merge(entry.stream(), entry.sequence(), Math::max));
        if (chunks.isEmpty()) {
            return new FeedChunks.IndexedStreams(highest, 1, 0, 0, ShardCheckpoints.NONE, 0);
        }
        Chunk last = chunks.get(chunks.size() - 1);
        return new FeedChunks.IndexedStreams(highest, nextPosition(), last.firstPosition(), last.entries().size(),
                last.checkpoints(), last.newestRecordMillis());
    }

    private synchronized boolean replaceCheckpoints(String writer, long firstPosition, int entryCount,
            ShardCheckpoints checkpoints, long newestRecordMillis) {
        attempts.merge(writer, 1, Integer::sum);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            if (chunk.firstPosition() == firstPosition && chunk.entries().size() == entryCount) {
                chunks.set(i, new Chunk(firstPosition, chunk.entries(), checkpoints, newestRecordMillis, writer));
                replaced++;
                return true;
            }
        }
        return false;
    }

    /** How many times a chunk's checkpoints were replaced in place. */
    synchronized int checkpointReplacements() {
        return replaced;
    }

    private long nextPosition() {
        if (chunks.isEmpty()) {
            return 1;
        }
        Chunk last = chunks.get(chunks.size() - 1);
        return last.firstPosition() + last.entries().size();
    }

    /** Every entry of the feed, at positions 1, 2, ... in this order. */
    synchronized List<FeedPointer> entries() {
        List<FeedPointer> all = new ArrayList<>();
        chunks.forEach(chunk -> all.addAll(chunk.entries()));
        return all;
    }

    synchronized List<Chunk> chunks() {
        return List.copyOf(chunks);
    }

    synchronized int size() {
        return (int) (nextPosition() - 1);
    }

    /** How many writes {@code writer} attempted, whether they were taken or not. */
    synchronized int attemptsBy(String writer) {
        return attempts.getOrDefault(writer, 0);
    }

    /** How many chunks {@code writer} stored. */
    synchronized int writtenBy(String writer) {
        return written.getOrDefault(writer, 0);
    }

    /** Holes, overlaps and oversized chunks attempted: empty unless an indexer is wrong. */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}
