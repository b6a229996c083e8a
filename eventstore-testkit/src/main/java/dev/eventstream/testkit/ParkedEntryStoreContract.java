package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.api.FeedEntry;
import dev.eventstream.api.ParkedEntry;
import dev.eventstream.core.ParkedEntryStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ParkedEntryStore} port: a parked entry comes back as it was parked (the entry as the feed holds it, the
 * attempts, the reason, the time to the millisecond), oldest position first, one per group and position; removal,
 * and groups kept apart. The entries are real feed entries, since a store may keep only a pointer to the event.
 */
public abstract class ParkedEntryStoreContract extends FeedContractPart {
    private List<FeedEntry> entries = List.of();
    private final Instant parkedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected ParkedEntryStoreContract(FeedContract contract) {
        super(contract);
    }

    @BeforeEach
    void appendEntries() {
        entries = awaitInFeed(ids(append(newStream(), "STEP", 5)));
    }

    @Test
    protected void aParkedEntryComesBackAsItWasParked() {
        // given
        ParkedEntryStore parked = feedStorage().parked();
        String group = unique("group");
        ParkedEntry entry = parked(group, entries.get(2), 3, "java.lang.IllegalStateException: no stock");

        // when
        parked.park(entry);

        // then
        assertThat(parked.list(group, 10)).containsExactly(entry);
        assertThat(anotherProcessFeedStorage().parked().list(group, 10)).containsExactly(entry);
    }

    @Test
    protected void parkedEntriesAreListedOldestFirst_upToTheLimit() {
        // given
        ParkedEntryStore parked = feedStorage().parked();
        String group = unique("group");
        for (int index : new int[] {3, 0, 4, 1}) {
            parked.park(parked(group, entries.get(index), 1, "failed " + index));
        }

        // when / then
        assertThat(parked.list(group, 2)).extracting(ParkedEntry::position)
                .containsExactly(entries.get(0).position(), entries.get(1).position());
        assertThat(parked.list(group, 10)).extracting(ParkedEntry::position)
                .containsExactly(entries.get(0).position(), entries.get(1).position(), entries.get(3).position(),
                        entries.get(4).position());
    }

    @Test
    protected void parkingTheSamePositionAgainReplacesTheEntry() {
        // given
        ParkedEntryStore parked = feedStorage().parked();
        String group = unique("group");
        parked.park(parked(group, entries.get(1), 3, "first"));

        // when
        ParkedEntry again = parked(group, entries.get(1), 5, "second");
        parked.park(again);

        // then
        assertThat(parked.list(group, 10)).containsExactly(again);
    }

    @Test
    protected void removingTakesTheEntryOut_andRemovingWhatIsNotThereIsHarmless() {
        // given
        ParkedEntryStore parked = feedStorage().parked();
        String group = unique("group");
        parked.park(parked(group, entries.get(1), 1, "failed"));
        parked.park(parked(group, entries.get(2), 1, "failed"));

        // when
        parked.remove(group, entries.get(1).position());
        parked.remove(group, entries.get(4).position());
        parked.remove(unique("group"), entries.get(2).position());

        // then
        assertThat(parked.list(group, 10)).extracting(ParkedEntry::position).containsExactly(entries.get(2).position());
    }

    @Test
    protected void groupsAreKeptApart() {
        // given
        ParkedEntryStore parked = feedStorage().parked();
        String first = unique("group");
        String second = unique("group");

        // when
        parked.park(parked(first, entries.get(0), 1, "first"));
        parked.park(parked(second, entries.get(0), 2, "second"));

        // then
        assertThat(parked.list(first, 10)).extracting(ParkedEntry::reason).containsExactly("first");
        assertThat(parked.list(second, 10)).extracting(ParkedEntry::reason).containsExactly("second");
        assertThat(parked.list(unique("group"), 10)).isEmpty();
    }

    private ParkedEntry parked(String group, FeedEntry entry, int attempts, String reason) {
        return new ParkedEntry(group, entry, attempts, reason, parkedAt);
    }
}
