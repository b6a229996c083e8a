package dev.eventstream.testkit;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.core.CheckpointStore;
import dev.eventstream.core.EventFeed;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.core.FeedPage;
import dev.eventstream.core.FeedStorage;
import dev.eventstream.core.LeaseStore;
import dev.eventstream.core.ParkedEntryStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A persistence a test can "kill": from {@link #crash()} on, every call to it or its feed storage fails, as if the
 * process holding it had died at that moment, while the storage itself keeps what was written before. A test acts
 * on the dead process's subscriber only until then. The crash can also be set to happen at a checkpoint write,
 * just before or just after it.
 */
public final class CrashingFeedPersistence extends ForwardingPersistence {
    private volatile boolean crashed;
    private volatile boolean crashAtNextCheckpointWrite;
    private volatile long crashAfterCheckpointReaching = Long.MAX_VALUE;

    public CrashingFeedPersistence(EventPersistence delegate) {
        super(delegate);
    }

    /** From now on every call fails. */
    public void crash() {
        crashed = true;
    }

    /** Whether {@link #crash()} happened. */
    public boolean crashed() {
        return crashed;
    }

    /** The next checkpoint write crashes the process instead of being written. */
    public void crashAtNextCheckpointWrite() {
        crashAtNextCheckpointWrite = true;
    }

    /** The process crashes right after it wrote a checkpoint of at least {@code position}. */
    public void crashAfterCheckpointReaching(long position) {
        crashAfterCheckpointReaching = position;
    }

    @Override
    public AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        failIfCrashed();
        return super.append(stream, expected, events);
    }

    @Override
    public List<RecordedEvent> read(StreamKey stream, long fromSequence, long maxCount) {
        failIfCrashed();
        return super.read(stream, fromSequence, maxCount);
    }

    @Override
    public Optional<FeedStorage> feed() {
        return super.feed().map(CrashingStorage::new);
    }

    private void failIfCrashed() {
        if (crashed) {
            throw new EventStoreUnavailableException("the process crashed (a test's simulation)");
        }
    }

    private final class CrashingStorage implements FeedStorage, EventFeed, CheckpointStore, LeaseStore,
            ParkedEntryStore {
        private final FeedStorage storage;

        CrashingStorage(FeedStorage storage) {
            this.storage = storage;
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
        public FeedPage read(long fromPosition, int maxEntries, FeedFilter filter) {
            failIfCrashed();
            return storage.entries().read(fromPosition, maxEntries, filter);
        }

        @Override
        public long head() {
            failIfCrashed();
            return storage.entries().head();
        }

        @Override
        public AutoCloseable onAdvance(Runnable listener) {
            return storage.entries().onAdvance(() -> {
                if (!crashed) {
                    listener.run();
                }
            });
        }

        @Override
        public OptionalLong load(String group) {
            failIfCrashed();
            return storage.checkpoints().load(group);
        }

        @Override
        public void advance(String group, long position) {
            failIfCrashed();
            if (crashAtNextCheckpointWrite) {
                crash();
                failIfCrashed();
            }
            storage.checkpoints().advance(group, position);
            if (position >= crashAfterCheckpointReaching) {
                crash();
            }
        }

        @Override
        public boolean initialize(String group, long position) {
            failIfCrashed();
            return storage.checkpoints().initialize(group, position);
        }

        @Override
        public void reset(String group, long position) {
            failIfCrashed();
            storage.checkpoints().reset(group, position);
        }

        @Override
        public boolean tryAcquire(String name, String owner, Duration duration) {
            failIfCrashed();
            return storage.leases().tryAcquire(name, owner, duration);
        }

        @Override
        public void release(String name, String owner) {
            failIfCrashed();
            storage.leases().release(name, owner);
        }

        @Override
        public void park(ParkedEntry entry) {
            failIfCrashed();
            storage.parked().park(entry);
        }

        @Override
        public List<ParkedEntry> list(String group, int limit) {
            failIfCrashed();
            return storage.parked().list(group, limit);
        }

        @Override
        public void remove(String group, long position) {
            failIfCrashed();
            storage.parked().remove(group, position);
        }
    }
}
