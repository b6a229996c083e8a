package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.core.LeaseStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The {@link LeaseStore} port, as two processes over the same storage see it: a free lease is taken, the holder
 * renews it, others are refused while it is renewed, take it over once it went un-renewed for its duration, and at
 * once when released. Time passes through {@link FeedContract#letTimePass}.
 */
public abstract class LeaseStoreContract extends FeedContractPart {
    private static final Duration DURATION = Duration.ofSeconds(1);

    protected LeaseStoreContract(FeedContract contract) {
        super(contract);
    }

    @Test
    protected void aFreeLeaseIsTaken_andItsHolderRenewsIt() {
        // given
        LeaseStore leases = feedStorage().leases();
        String name = unique("lease");

        // when / then
        assertThat(leases.tryAcquire(name, "a", DURATION)).isTrue();
        assertThat(leases.tryAcquire(name, "a", DURATION)).isTrue();
    }

    @Test
    protected void aHeldLeaseIsRefusedToOthers_whileItsHolderKeepsIt() {
        // given
        LeaseStore mine = feedStorage().leases();
        LeaseStore theirs = anotherProcessFeedStorage().leases();
        String name = unique("lease");
        mine.tryAcquire(name, "a", DURATION);

        // when / then
        assertThat(theirs.tryAcquire(name, "b", DURATION)).isFalse();
        assertThat(mine.tryAcquire(name, "b", DURATION)).isFalse();
        assertThat(mine.tryAcquire(name, "a", DURATION)).isTrue();
        assertThat(theirs.tryAcquire(name, "b", DURATION)).isFalse();
    }

    @Test
    protected void aReleasedLeaseIsFreeAtOnce_andOnlyItsHolderReleasesIt() {
        // given
        LeaseStore mine = feedStorage().leases();
        LeaseStore theirs = anotherProcessFeedStorage().leases();
        String name = unique("lease");
        mine.tryAcquire(name, "a", DURATION);

        // when
        theirs.release(name, "b");

        // then
        assertThat(theirs.tryAcquire(name, "b", DURATION)).isFalse();

        // and when
        mine.release(name, "a");

        // then
        assertThat(theirs.tryAcquire(name, "b", DURATION)).isTrue();
        assertThat(mine.tryAcquire(name, "a", DURATION)).isFalse();
        theirs.release(unique("never-taken"), "b");
    }

    @Test
    protected void aLeaseNotRenewedForItsDurationIsTakenOver_andItsFormerHolderLearnsIt() {
        // given
        LeaseStore mine = feedStorage().leases();
        LeaseStore theirs = anotherProcessFeedStorage().leases();
        String name = unique("lease");
        mine.tryAcquire(name, "a", DURATION);
        assertThat(theirs.tryAcquire(name, "b", DURATION)).isFalse();

        // when
        letTimePass(DURATION.plusMillis(200));

        // then
        assertThat(theirs.tryAcquire(name, "b", DURATION)).isTrue();
        assertThat(mine.tryAcquire(name, "a", DURATION)).isFalse();
    }

    @Test
    protected void aLeaseRenewedWithinItsDurationIsNotTakenOver() {
        // given: renewed half-way, then half the duration again
        Duration duration = Duration.ofSeconds(2);
        LeaseStore mine = feedStorage().leases();
        LeaseStore theirs = anotherProcessFeedStorage().leases();
        String name = unique("lease");
        mine.tryAcquire(name, "a", duration);
        assertThat(theirs.tryAcquire(name, "b", duration)).isFalse();
        letTimePass(duration.dividedBy(2));
        assertThat(mine.tryAcquire(name, "a", duration)).isTrue();

        // when
        letTimePass(duration.dividedBy(2));

        // then
        assertThat(theirs.tryAcquire(name, "b", duration)).isFalse();
        assertThat(mine.tryAcquire(name, "a", duration)).isTrue();
    }

    @Test
    protected void leasesOfOtherNamesAreIndependent() {
        // given
        LeaseStore leases = feedStorage().leases();
        String first = unique("lease");
        String second = unique("lease");

        // when
        leases.tryAcquire(first, "a", DURATION);

        // then
        assertThat(leases.tryAcquire(second, "b", DURATION)).isTrue();
        assertThat(leases.tryAcquire(first, "b", DURATION)).isFalse();
    }
}
