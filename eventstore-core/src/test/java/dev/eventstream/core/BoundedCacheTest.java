package dev.eventstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void theLeastRecentlyUsedEntryIsForgottenFirst() {
        // given
        BoundedCache<String, Long> cache = new BoundedCache<>(2);
        cache.put("a", 1L);
        cache.put("b", 2L);

        // when: "a" is used, then a third entry comes
        assertThat(cache.get("a")).isEqualTo(1L);
        cache.put("c", 3L);

        // then
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.get("a")).isEqualTo(1L);
        assertThat(cache.get("c")).isEqualTo(3L);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void mergeKeepsWhatTheRemappingChooses() {
        BoundedCache<String, Long> cache = new BoundedCache<>(10);

        assertThat(cache.merge("s", 5L, Math::max)).isEqualTo(5L);
        assertThat(cache.merge("s", 3L, Math::max)).isEqualTo(5L);
        assertThat(cache.merge("s", 9L, Math::max)).isEqualTo(9L);
    }

    @Test
    void aCapacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new BoundedCache<String, String>(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1, was 0");
    }
}
