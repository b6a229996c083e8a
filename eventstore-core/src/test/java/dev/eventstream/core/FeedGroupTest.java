package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.CatchUp;
import dev.eventstream.api.FeedFilter;
import dev.eventstream.api.FeedStart;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedGroupTest {
    @Test
    void aUsersGroupTakesEverythingFromItsCatchUp() {
        // given
        CatchUp catchUp = CatchUp.group("balances").startingAt(FeedStart.after(7)).aggregations("accounts")
                .retries(4, Duration.ofMillis(3)).onFailure(CatchUp.OnFailure.STOP);

        // when
        FeedGroup group = FeedGroup.of(catchUp);

        // then
        assertThat(group).isEqualTo(new FeedGroup("balances", FeedStart.after(7), FeedFilter.aggregations("accounts"),
                4, Duration.ofMillis(3), CatchUp.OnFailure.STOP));
        assertThat(group.leaseName()).isEqualTo("group:balances");
    }

    @Test
    void theStoresOwnGroupsStartWithADollar_whichUsersCannotTake() {
        // given
        CatchUp settings = CatchUp.group("template").startingAt(FeedStart.end());

        // when
        FeedGroup group = FeedGroup.internal("$notifications", settings);

        // then
        assertThat(group.name()).isEqualTo("$notifications");
        assertThat(group.start()).isEqualTo(FeedStart.end());
        assertThat(group.leaseName()).isEqualTo("group:$notifications");
        assertThatThrownBy(() -> FeedGroup.internal("notifications", settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with '$'");
        assertThatThrownBy(() -> CatchUp.group("$notifications")).isInstanceOf(IllegalArgumentException.class);
    }
}
