package dev.eventstream.core;

import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.api.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A feed storage for the runner's unit tests: a list as the feed, maps for the rest, leases without expiry (a test
 * frees one by hand), and counters that make the next calls of a kind fail as an unreachable storage would.
 */
final class TestFeedStorage implements FeedStorage, EventFeed, CheckpointStore, LeaseStore, ParkedEntryStore {
    final AtomicInteger failingReads = new AtomicInteger();
    final AtomicInteger failingCheckpointWrites = new AtomicInteger();
    final AtomicInteger failingLeaseCalls = new AtomicInteger();
    final AtomicInteger checkpointWrites = new AtomicInteger();
    final AtomicInteger leaseCalls = new AtomicInteger();
    final AtomicInteger releaseCalls = new AtomicInteger();
    private final List<RecordedEvent> log = new ArrayList<>();
    private final Map<String, Long> checkpoints = new HashMap<>();
    private final Map<String, String> leaseOwners = new HashMap<>();
    /** When each lease runs out, once {@link #leasesExpire} is set; leases held for ever otherwise. */
    private final Map<String, Long> leaseEnds = new HashMap<>();
    volatile boolean leasesExpire;
    private final Map<String, TreeMap<Long, ParkedEntry>> parked = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Appends {@code count} events of {@code type} to stream {@code orders/1}; returns the positions' last. */
    long append(String type, int count) {
        long last;
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                log.add(RecordedEvent.withPayloadJson("orders", "1", log.size() + 1, UUID.randomUUID(), type, "{}",
                        Instant.EPOCH));
            }
            last = log.size();
        }
        listeners.forEach(Runnable::run);
        return last;
    }

    synchronized String leaseOwner(String name) {
        return leaseOwners.get(name);
    }

    @Override
    public EventFeed entries() {
        return this;
    }

    @Override
    public CheckpointStore checkpoints() {
        return this;
    }

    @Override
    public LeaseStore leases() {
        return this;
    }

    @Override
    public ParkedEntryStore parked() {
        return this;
    }

    @Override
    public synchronized FeedPage read(long fromPosition, int maxEntries, FeedFilter filter) {
        failIf(failingReads, "feed read");
        List<FeedEntry> entries = new ArrayList<>();
        long next = fromPosition;
        while (next <= log.size() && next < fromPosition + maxEntries) {
            RecordedEvent event = log.get((int) next - 1);
            if (filter.matches(event.stream(), event.eventType())) {
                entries.add(new FeedEntry(next, event));
            }
            next++;
        }
        return new FeedPage(entries, next);
    }

    @Override
    public synchronized long head() {
        failIf(failingReads, "feed head");
        return log.size();
    }

    @Override
    public AutoCloseable onAdvance(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized OptionalLong load(String group) {
        Long position = checkpoints.get(group);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    @Override
    public synchronized void advance(String group, long position) {
        failIf(failingCheckpointWrites, "checkpoint write");
        checkpointWrites.incrementAndGet();
        checkpoints.merge(group, position, Math::max);
    }

    @Override
    public synchronized boolean initialize(String group, long position) {
        return checkpoints.putIfAbsent(group, position) == null;
    }

    @Override
    public synchronized void reset(String group, long position) {
        checkpoints.put(group, position);
    }

    @Override
    public synchronized boolean tryAcquire(String name, String owner, Duration duration) {
        leaseCalls.incrementAndGet();
        failIf(failingLeaseCalls, "lease call");
        long now = System.nanoTime();
        Long end = leaseEnds.get(name);
        if (leasesExpire && end != null && now - end >= 0) {
            leaseOwners.remove(name);
        }
        boolean held = leaseOwners.computeIfAbsent(name, key -> owner).equals(owner);
        if (held) {
            leaseEnds.put(name, now + duration.toNanos());
        }
        return held;
    }

    @Override
    public synchronized void release(String name, String owner) {
        releaseCalls.incrementAndGet();
        failIf(failingLeaseCalls, "lease call");
        leaseOwners.remove(name, owner);
    }

    @Override
    public synchronized void park(ParkedEntry entry) {
        parked.computeIfAbsent(entry.group(), key -> new TreeMap<>()).put(entry.position(), entry);
    }

    @Override
    public synchronized List<ParkedEntry> list(String group, int limit) {
        return parked.getOrDefault(group, new TreeMap<>()).values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void remove(String group, long position) {
        TreeMap<Long, ParkedEntry> entries = parked.get(group);
        if (entries != null) {
            entries.remove(position);
        }
    }

    private static void failIf(AtomicInteger failing, String what) {
        if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new EventStoreUnavailableException("the " + what + " failed for the test");
        }
    }
}
