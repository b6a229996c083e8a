package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.FeedSubscription;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.FeedSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several instances of one consumer group, in several processes: one delivers, the others stand by; one takes over
 * when the holder closes, and when the holder stops renewing its lease (a process that hangs or died).
 */
public abstract class ConsumerGroupContract extends FeedContractPart {
    protected ConsumerGroupContract(FeedContract contract) {
        super(contract);
    }

    @Test
    protected void oneInstanceDelivers_andAnotherTakesOverWhenItCloses() {
        // given: a lease long enough that no pause of a busy machine lets the standby take over early
        FeedSettings longLease = feedSettings().withLeaseDuration(Duration.ofSeconds(10));
        DefaultEventStore firstProcess = anotherProcessStore(longLease);
        DefaultEventStore secondProcess = anotherProcessStore(longLease);
        String group = unique("group");
        EventStream stream = newStream();
        List<RecordedEvent> appended = new ArrayList<>(append(stream, "STEP", 10));
        RecordingFeedSubscriber first = new RecordingFeedSubscriber();
        RecordingFeedSubscriber second = new RecordingFeedSubscriber();
        FeedSubscription holder = subscribe(firstProcess, CatchUp.group(group), first);
        first.awaitEventIds(ids(appended), deliveryBound());
        FeedSubscription standby = subscribe(secondProcess, CatchUp.group(group), second);

        // when
        appended.addAll(append(stream, "STEP", 5));

        // then
        first.awaitEventIds(ids(appended), deliveryBound());
        assertThat(holder.isActive()).isTrue();
        assertThat(standby.isActive()).isFalse();
        assertThat(second.handled()).isEmpty();

        // and when
        holder.close();
        long stored = feedStorage().checkpoints().load(group).orElseThrow();
        appended.addAll(append(stream, "STEP", 5));

        // then
        second.awaitEventIds(ids(appended.subList(15, 20)), deliveryBound());
        List<FeedEntry> feed = awaitInFeed(ids(appended));
        assertThat(standby.isActive()).isTrue();
        assertThat(first.handled()).isEqualTo(feed.stream().filter(entry -> entry.position() <= stored).toList());
        assertThat(second.handled()).isEqualTo(after(feed, stored));
    }

    /**
     * The holder really hangs, for as long as the takeover takes: no {@link FeedContract#letTimePass} here, since the
     * holder judges when its renewal is due by its own monotonic clock, and only a hang that long makes it find, on
     * waking, that its lease is gone before it delivers another entry.
     */
    @Test
    protected void aStandbyTakesOver_whenTheHolderStopsRenewingItsLease() throws InterruptedException {
        // given: the holder hangs in its subscriber at the 5th entry, so it renews nothing
        List<FeedEntry> feed = awaitInFeed(ids(append(newStream(), "STEP", 10)));
        long hangAt = feed.get(4).position();
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String group = unique("group");
        RecordingFeedSubscriber first = new RecordingFeedSubscriber(entry -> {
            if (entry.position() == hangAt && hanging.getCount() > 0) {
                hanging.countDown();
                await(release);
            }
        });
        RecordingFeedSubscriber second = new RecordingFeedSubscriber();
        FeedSubscription holder = subscribe(anotherProcessStore(feedSettings()), CatchUp.group(group), first);
        assertThat(hanging.await(deliveryBound().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        long stored = feedStorage().checkpoints().load(group).orElse(0);

        // when
        FeedSubscription standby = subscribe(anotherProcessStore(feedSettings()), CatchUp.group(group), second);

        // then
        try {
            Await.until(deliveryBound(), () -> "the standby takes over", standby::isActive);
            second.awaitPosition(feed.get(feed.size() - 1).position(), deliveryBound());
            assertThat(stored).isLessThan(hangAt);
            assertThat(second.handled()).isEqualTo(after(feed, stored));
        } finally {
            release.countDown();
        }

        // and when the holder wakes up, it finds the lease gone and delivers nothing more
        Await.until(deliveryBound(), () -> "the old holder stands by", () -> !holder.isActive());
        assertThat(first.positions()).allSatisfy(position -> assertThat(position).isLessThanOrEqualTo(hangAt));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new AssertionError("the test never released the subscriber");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
