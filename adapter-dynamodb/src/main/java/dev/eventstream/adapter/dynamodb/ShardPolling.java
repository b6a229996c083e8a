package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.adapter.dynamodb.ShardReader.Batch;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the holder of the indexer lease keeps between polls of the stream, from one takeover to the next: the
 * feed's end ({@link IndexingStep}), the stream's shards ({@link ShardLineage}), an iterator per shard being read,
 * the shards read to their end. Each {@link #poll()} reads every readable shard once. Dropped whole after any
 * failure but of DynamoDB Streams (which leave the state as it was; only the iterators may be stale) and after a
 * chunk position found taken, and replaced after a rebuild of the feed ({@link Outcome#TRIMMED}). Not thread-safe,
 * except {@link #lag}: the indexing thread alone uses it.
 */
final class ShardPolling {
    private static final Logger LOG = LoggerFactory.getLogger(ShardPolling.class);
    /** Shards are split rarely, and a split shows as a parent read to its end, which describes the stream again. */
    private static final Duration DESCRIBE_INTERVAL = Duration.ofSeconds(60);
    /** When no shard is readable (children not described yet, stream disabled), describe again this soon. */
    private static final Duration DESCRIBE_RETRY = Duration.ofSeconds(1);

    enum Outcome {
        /** Records were read (or a shard finished): poll again at once. */
        FOUND,
        /** Every readable shard's read found nothing. */
        IDLE,
        /** A chunk's position was taken: another indexer writes the feed, this state is stale. */
        LOST,
        /**
         * The stream no longer holds the records after a checkpoint (older than its 24 hours, or the shard gone):
         * the feed needs a {@link FeedRebuild}.
         */
        TRIMMED
    }

    private final ShardReader reader;
    private final IndexingStep step;
    private final Clock clock;
    private final String owner;
    private final Map<String, String> iterators = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private @Nullable ShardLineage lineage;
    private long nextDescribeMillis;
    private volatile long newestReadMillis;
    private volatile boolean caughtUp;

    /** @param owner the indexer's name, for its log lines */
    ShardPolling(ShardReader reader, IndexingStep step, long newestIndexedMillis, Clock clock, String owner) {
        this.reader = requireNonNull(reader, "reader is null");
        this.step = requireNonNull(step, "step is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.newestReadMillis = newestIndexedMillis;
    }

    /** The feed's next position as this state knows it. */
    long nextPosition() {
        return step.nextPosition();
    }

    /** Forgets the iterators, which a failed DynamoDB Streams request may have left stale (expired, say). */
    void dropIterators() {
        iterators.clear();
    }

    /** Now less the creation time of the newest record read; zero once a poll found nothing. Any thread. */
    Duration lag() {
        long newest = newestReadMillis;
        if (caughtUp || newest == 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(0, clock.millis() - newest));
    }

    /**
     * Reads every readable shard once, parents before children, indexing what it finds.
     *
     * @throws ShardReader.StreamsFailure when a DynamoDB Streams request failed
     * @throws RuntimeException when reading the events table or writing a chunk failed
     */
    Outcome poll() {
        long now = clock.millis();
        if ((lineage == null || now >= nextDescribeMillis) && !describe(now)) {
            return Outcome.TRIMMED;
        }
        ShardLineage shards = requireNonNull(lineage);
        List<StreamShard> readable = shards.readable(step.checkpoints(), finished);
        if (readable.isEmpty()) {
            nextDescribeMillis = Math.min(nextDescribeMillis, now + DESCRIBE_RETRY.toMillis());
        }
        boolean found = false;
        for (StreamShard shard : readable) {
            String id = shard.shardId();
            String iterator = iterators.get(id);
            boolean fresh = iterator == null;
            Batch batch;
            try {
                if (iterator == null) {
                    iterator = reader.iterator(id, step.checkpoints().of(id));
                }
                batch = reader.records(id, iterator);
            } catch (ShardReader.StreamsFailure e) {
                // A kept iterator may have aged past the stream's retention while the checkpoint has not: only
                // one fresh from the checkpoint tells (the caller drops the iterators and polls again).
                if (e.trimmed() && fresh) {
                    LOG.error("{}: the feed misses records older than the stream's 24 hours", e.getMessage());
                    return Outcome.TRIMMED;
                }
                throw e;
            }
            if (!batch.records().isEmpty()) {
                found = true;
                caughtUp = false;
                IndexingStep.newest(batch.records())
                        .ifPresent(millis -> newestReadMillis = Math.max(newestReadMillis, millis));
                if (!step.index(id, batch.records())) {
                    return Outcome.LOST;
                }
            }
            if (batch.nextIterator() == null) {
                List<String> children = shards.childrenOf(id);
                iterators.remove(id);
                finished.add(id);
                step.finish(id, children);
                LOG.info("Feed indexer {} read shard {} to its end; its children: {}", owner, id, children);
                // Its children may be new to the description.
                nextDescribeMillis = now;
                found = true;
            } else {
                iterators.put(id, batch.nextIterator());
            }
        }
        if (!found) {
            caughtUp = true;
        }
        return found ? Outcome.FOUND : Outcome.IDLE;
    }

    /** False when a shard of the checkpoints is gone from the stream: the feed misses its last records. */
    private boolean describe(long now) {
        ShardLineage described = new ShardLineage(reader.describe());
        lineage = described;
        nextDescribeMillis = now + DESCRIBE_INTERVAL.toMillis();
        for (String shardId : step.checkpoints().lastSequenceNumbers().keySet()) {
            if (!described.contains(shardId)) {
                LOG.error("Shard {} of stream {} is gone from the stream before the feed was indexed to its end: the"
                        + " feed misses records older than the stream's 24 hours", shardId, reader.streamArn());
                return false;
            }
        }
        // A shard read to its end while it had no children leaves the checkpoints once children appear.
        for (String shardId : finished) {
            List<String> children = described.childrenOf(shardId);
            if (step.checkpoints().of(shardId).isPresent() && !children.isEmpty()) {
                step.finish(shardId, children);
            }
        }
        finished.removeIf(shardId -> !described.contains(shardId));
        return true;
    }
}
