package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.eventstream.adapter.dynamodb.ShardReader.StreamsFailure;
import dev.eventstream.core.Backoff;
import dev.eventstream.core.LeaseStore;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The feed's indexer: reads the events table's DynamoDB stream and writes every committed event into the feed once,
 * each stream's events in sequence order, on one daemon thread ({@code feed-indexer}). Every process with the feed
 * runs one; the one holding lease {@value #LEASE} indexes, the others stand by and ask for the lease every
 * {@link IndexerSettings#renewInterval()}, taking it once its holder stopped renewing it (closed, dead, or cut off)
 * for {@link IndexerSettings#leaseDuration()}.
 *
 * <p>On taking the lease it reads the feed's tail (next position, shard checkpoints, the last entries), then loops:
 * the stream's shards ({@link ShardLineage}: parents before children), each readable shard's next records from its
 * checkpoint ({@link ShardReader}), their events in order and once ({@link FeedOrdering}), written as chunks with
 * the checkpoints ({@link IndexingStep}), all kept from one poll to the next ({@link ShardPolling}); after each
 * chunk it calls {@code onAdvance}. It reads again at once after
 * a poll that found records, after {@link IndexerSettings#idlePoll()} otherwise. A chunk write that finds its
 * position taken means another indexer wrote there: this one drops what it knew and reads the tail again (if it
 * still holds the lease). Failures of DynamoDB or DynamoDB Streams never end the loop: one line is logged, and it
 * goes on after a backoff. When the stream no longer holds the records after the checkpoints (down longer than its
 * 24 hours), it rebuilds the feed from the events table ({@link FeedRebuild}), renewing the lease meanwhile, and goes
 * on from there.
 */
final class StreamsIndexer implements AutoCloseable {
    /** The lease's name in the {@link LeaseStore}. */
    static final String LEASE = "indexer";

    private static final Logger LOG = LoggerFactory.getLogger(StreamsIndexer.class);
    private final ShardReader reader;
    private final FeedChunks chunks;
    private final LeaseStore leases;
    private final TableEvents table;
    private final EventScan scan;
    private final Runnable onAdvance;
    private final Clock clock;
    private final IndexerSettings settings;
    private final String owner;
    private final Backoff backoff;
    private final Thread thread;
    private final Object sleep = new Object();

    private volatile boolean closed;
    private volatile boolean started;
    private volatile boolean held;
    /** Set and dropped by the indexing thread only; read by {@link #lag()}. */
    private volatile @Nullable ShardPolling polling;

    // Touched by the indexing thread only.
    private long nextRenewalMillis;
    private long leaseValidUntilMillis;
    private long nextAttemptMillis;
    private int failures;

    /**
     * @param streams the DynamoDB Streams client; the caller closes it
     * @param streamArn the events table's stream ({@link ShardReader#streamArnOf})
     * @param chunks the feed's storage
     * @param leases where lease {@value #LEASE} is kept, shared by every process of the store
     * @param table reads a stream's events from the events table, consistently
     * @param scan scans the events table, for a rebuild of the feed ({@link FeedRebuild})
     * @param onAdvance called after each chunk written, on the indexing thread; should return quickly
     * @param clock for the lease's timing and the lag
     */
    StreamsIndexer(DynamoDbStreamsClient streams, String streamArn, FeedChunks chunks, LeaseStore leases,
            TableEvents table, EventScan scan, Runnable onAdvance, Clock clock, IndexerSettings settings) {
        this(streams, streamArn, chunks, leases, table, scan, onAdvance, clock, settings,
                "indexer-" + UUID.randomUUID());
    }

    /** @param owner this indexer's name in the lease, unique among the processes of the store */
    StreamsIndexer(DynamoDbStreamsClient streams, String streamArn, FeedChunks chunks, LeaseStore leases,
            TableEvents table, EventScan scan, Runnable onAdvance, Clock clock, IndexerSettings settings,
            String owner) {
        this.reader = new ShardReader(streams, streamArn);
        this.chunks = requireNonNull(chunks, "chunks is null");
        this.leases = requireNonNull(leases, "leases is null");
        this.table = requireNonNull(table, "table is null");
        this.scan = requireNonNull(scan, "scan is null");
        this.onAdvance = requireNonNull(onAdvance, "onAdvance is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.owner = requireNonNull(owner, "owner is null");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner is blank");
        }
        this.backoff = new Backoff(settings.retryBackoff(), settings.maxBackoff());
        this.thread = new Thread(this::run, "feed-indexer");
        thread.setDaemon(true);
    }

    /**
     * Starts the indexing thread.
     *
     * @throws IllegalStateException when started before or closed
     */
    synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the feed indexer is closed");
        }
        if (started) {
            throw new IllegalStateException("the feed indexer is started already");
        }
        started = true;
        thread.start();
    }

    /** Whether this indexer holds the lease, i.e. is the one writing the feed (as of its last renewal). */
    boolean holdsLease() {
        return held;
    }

    /**
     * How far the feed trails the stream: now less the approximate creation time of the newest record read, zero
     * when the last read of every shard found nothing. Zero for an indexer not holding the lease, whose lag says
     * nothing; DynamoDB Streams keep records 24 hours, so a lag nearing that loses events.
     */
    Duration lag() {
        ShardPolling current = polling;
        return !held || current == null ? Duration.ZERO : current.lag();
    }

    String owner() {
        return owner;
    }

    /**
     * Stops the thread, waiting at most {@link IndexerSettings#closeTimeout()} (then interrupting it), and releases
     * the lease so that a standby takes over at once. Never throws; closing twice is harmless.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        synchronized (sleep) {
            sleep.notifyAll();
        }
        try {
            if (started) {
                thread.join(settings.closeTimeout().toMillis());
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(TimeUnit.SECONDS.toMillis(1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (held) {
            held = false;
            try {
                leases.release(LEASE, owner);
                LOG.info("Feed indexer {} stopped and released the lease", owner);
            } catch (RuntimeException e) {
                LOG.warn("Feed indexer {} stopped but could not release the lease ({}); another takes over once it"
                        + " expires", owner, e.toString());
            }
        }
    }

    private void run() {
        while (!closed) {
            boolean goOn;
            try {
                goOn = step();
            } catch (StreamsFailure e) {
                goOn = false;
                Duration delay = failed();
                if (closed) {
                    return;
                }
                LOG.warn("{}; trying again in {}", e.getMessage(), delay);
                ShardPolling current = polling;
                if (current != null) {
                    current.dropIterators();
                }
            } catch (LeaseLost e) {
                goOn = false;
                polling = null;
                if (!closed) {
                    LOG.warn("Feed indexer {} lost the lease while rebuilding the feed; the next holder rebuilds it",
                            owner);
                }
            } catch (RuntimeException e) {
                // Whatever failed (a table read, a chunk write that may have landed unheard): the tail tells.
                goOn = false;
                Duration delay = failed();
                polling = null;
                if (closed) {
                    return;
                }
                LOG.warn("Feed indexing failed: {}; reading the feed's tail again in {}", e.toString(), delay);
                LOG.debug("Feed indexing failure", e);
            }
            if (!goOn) {
                pause();
            }
        }
    }

    private Duration failed() {
        failures++;
        Duration delay = backoff.delay(failures);
        nextAttemptMillis = clock.millis() + delay.toMillis();
        return delay;
    }

    /** One turn: the lease when due, then one read of every readable shard. True when it should go on at once. */
    private boolean step() {
        long now = clock.millis();
        if (now >= nextRenewalMillis) {
            renew(now);
        }
        if (held && now >= leaseValidUntilMillis) {
            LOG.warn("Feed indexer {} could not renew the lease within {}; it stops writing", owner,
                    settings.leaseDuration());
            held = false;
        }
        if (!held || closed) {
            polling = null;
            return false;
        }
        if (now < nextAttemptMillis) {
            return false;
        }
        ShardPolling current = polling;
        if (current == null) {
            current = takeOver();
            polling = current;
        }
        ShardPolling.Outcome outcome = current.poll();
        if (outcome == ShardPolling.Outcome.LOST) {
            LOG.info("Feed indexer {}: another indexer wrote at position {}; reading the feed's tail again", owner,
                    current.nextPosition());
            polling = null;
            nextRenewalMillis = now;
            return true;
        }
        if (outcome == ShardPolling.Outcome.TRIMMED) {
            polling = rebuild();
            if (polling == null) {
                nextRenewalMillis = clock.millis();
            }
            failures = 0;
            return true;
        }
        failures = 0;
        return outcome == ShardPolling.Outcome.FOUND;
    }

    private void renew(long now) {
        nextRenewalMillis = now + settings.renewInterval().toMillis();
        boolean got;
        try {
            got = leases.tryAcquire(LEASE, owner, settings.leaseDuration());
        } catch (RuntimeException e) {
            LOG.warn("Feed indexer {} could not {} the lease: {}", owner, held ? "renew" : "ask for", e.toString());
            return;
        }
        if (got) {
            leaseValidUntilMillis = now + settings.leaseDuration().toMillis();
            if (!held) {
                LOG.info("Feed indexer {} holds the lease", owner);
            }
        } else if (held) {
            LOG.info("Feed indexer {} lost the lease to another", owner);
        }
        held = got;
    }

    private ShardPolling takeOver() {
        FeedTail tail = chunks.tail(settings.warmUpEntries());
        FeedOrdering ordering = new FeedOrdering(settings.warmUpEntries(), table);
        IndexingStep step = new IndexingStep(tail, ordering, chunks, this::advanced);
        LOG.info("Feed indexer {} goes on from position {} with checkpoints {}", owner, tail.nextPosition(),
                tail.checkpoints().lastSequenceNumbers());
        return new ShardPolling(reader, step, tail.newestRecordMillis(), clock, owner);
    }

    /**
     * Rebuilds the feed from the events table ({@link FeedRebuild}) and goes on from its end, knowing how far
     * every stream is indexed; null when another indexer wrote the feed meanwhile.
     */
    private @Nullable ShardPolling rebuild() {
        FeedRebuild rebuild = new FeedRebuild(reader, chunks, scan, table, this::keepLease, this::advanced,
                settings.warmUpEntries(), owner);
        FeedRebuild.Result result = rebuild.run().orElse(null);
        if (result == null) {
            LOG.info("Feed indexer {}: another indexer wrote the feed during the rebuild; reading its tail again",
                    owner);
            return null;
        }
        FeedOrdering ordering = new FeedOrdering(settings.warmUpEntries(), table);
        // Every stream first, the appended entries last (the tail's, in the step): the latest stay in the cache,
        // and they are the ones whose records may follow the new checkpoints.
        ordering.learn(result.highestSequences());
        FeedTail tail = result.tail();
        IndexingStep step = new IndexingStep(tail, ordering, chunks, this::advanced);
        return new ShardPolling(reader, step, tail.newestRecordMillis(), clock, owner);
    }

    /** Renews the lease when due during a long step (a rebuild); throws {@link LeaseLost} once it is not held. */
    private void keepLease() {
        long now = clock.millis();
        if (now >= nextRenewalMillis) {
            renew(now);
        }
        if (held && now >= leaseValidUntilMillis) {
            held = false;
        }
        if (!held || closed) {
            throw new LeaseLost();
        }
    }

    /** The lease was lost (or the indexer closed) in the middle of a long step. */
    private static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLost() {
            super("the indexer lease is no longer held", null, false, false);
        }
    }

    private void advanced() {
        try {
            onAdvance.run();
        } catch (RuntimeException e) {
            LOG.warn("A listener of the feed's advance failed: {}", e.toString());
        }
    }

    private void pause() {
        long now = clock.millis();
        long wake = nextRenewalMillis;
        if (held) {
            wake = Math.min(wake, Math.max(nextAttemptMillis, now + settings.idlePoll().toMillis()));
        }
        long millis = Math.max(1, wake - now);
        synchronized (sleep) {
            if (closed) {
                return;
            }
            try {
                sleep.wait(millis);
            } catch (InterruptedException e) {
                // close() interrupts only a thread that did not stop in time; the loop sees closed.
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }
}
