package dev.eventstream.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RecentEventIdsTest {

    @Test
    void remembersTheLastIdsAndForgetsTheOldestBeyondItsCapacity() {
        // given
        RecentEventIds ids = new RecentEventIds(3);
        List<UUID> added = Stream.generate(UUID::randomUUID).limit(5).toList();

        // when
        added.forEach(ids::add);

        // then
        assertThat(ids.size()).isEqualTo(3);
        assertThat(added.subList(0, 2)).noneMatch(ids::contains);
        assertThat(added.subList(2, 5)).allMatch(ids::contains);
    }
}
