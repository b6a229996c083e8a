package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.core.DefaultEventStore;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * At least once across a crash: the process holding a group dies at each step of delivering an entry (inside the
 * subscriber; after it returned but before the checkpoint write; right after the write), and another instance of the
 * group, in another process, takes over once the dead one's lease expires. It receives every entry after the stored
 * checkpoint, in order; the dead one had handled every entry up to it. So nothing is lost, and what is delivered
 * twice lies after the stored checkpoint.
 *
 * <p>The crash is {@link CrashingFeedPersistence#crash()}: from that moment the dead process's every call to its
 * storage fails, and its subscriber counts nothing more as handled, as a killed process would do neither.
 */
public abstract class CrashResumeContract extends FeedContractPart {
    protected CrashResumeContract(FeedContract contract) {
        super(contract);
    }

    /** Where in the delivery of an entry the process dies. */
    protected enum CrashPoint {
        /** While its subscriber handles the entry. */
        IN_THE_SUBSCRIBER,
        /** After the subscriber returned for the entry, at the checkpoint write that would cover it. */
        BEFORE_THE_CHECKPOINT_WRITE,
        /** Right after the checkpoint covering the entry was written. */
        AFTER_THE_CHECKPOINT_WRITE
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    protected void anotherInstanceResumesAfterTheStoredCheckpoint_whenTheHolderDies(CrashPoint point) {
        // given: pages of 3, each followed by a checkpoint write, and a crash at the 8th entry
        List<FeedEntry> feed = awaitInFeed(ids(append(newStream(), "STEP", 20)));
        long crashAt = feed.get(7).position();
        long last = feed.get(feed.size() - 1).position();
        String group = unique("group");
        CrashingFeedPersistence dying = new CrashingFeedPersistence(anotherProcess());
        DefaultEventStore dyingStore = storeOver(dying, feedSettings().withPageSize(3)
                .withCheckpointInterval(Duration.ZERO));
        RecordingFeedSubscriber first = new RecordingFeedSubscriber(entry -> {
            if (dying.crashed()) {
                throw new EventStoreUnavailableException("this process is dead");
            }
            if (entry.position() == crashAt) {
                switch (point) {
                    case IN_THE_SUBSCRIBER -> {
                        dying.crash();
                        throw new EventStoreUnavailableException("this process died in the subscriber");
                    }
                    case BEFORE_THE_CHECKPOINT_WRITE -> dying.crashAtNextCheckpointWrite();
                    case AFTER_THE_CHECKPOINT_WRITE -> dying.crashAfterCheckpointReaching(crashAt);
                }
            }
        });

        // when
        subscribe(dyingStore, CatchUp.group(group), first);
        Await.until(deliveryBound(), () -> "the process crashes; it handled " + first.positions(), dying::crashed);
        OptionalLong stored = feedStorage().checkpoints().load(group);
        RecordingFeedSubscriber second = new RecordingFeedSubscriber();
        subscribe(store(), CatchUp.group(group), second);

        // then
        second.awaitPosition(last, deliveryBound());
        long checkpoint = stored.orElse(0);
        assertThat(second.handled()).as("what the new instance received").isEqualTo(after(feed, checkpoint));
        assertThat(first.handled()).as("what the dead one handled")
                .startsWith(feed.stream().filter(entry -> entry.position() <= checkpoint).toArray(FeedEntry[]::new));
        switch (point) {
            case IN_THE_SUBSCRIBER -> {
                assertThat(checkpoint).isLessThan(crashAt);
                assertThat(first.positions()).doesNotContain(crashAt);
            }
            case BEFORE_THE_CHECKPOINT_WRITE -> {
                assertThat(checkpoint).isLessThan(crashAt);
                assertThat(first.positions()).contains(crashAt);
            }
            case AFTER_THE_CHECKPOINT_WRITE -> assertThat(checkpoint).isGreaterThanOrEqualTo(crashAt);
        }
        Await.until(deliveryBound(), () -> "the new instance's checkpoint reaches " + last,
                () -> feedStorage().checkpoints().load(group).orElse(0) == last);
    }
}
