package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortableNamesTest {
    /** Characters from every range whose order differs between UTF-8 and UTF-16, and their neighbours. */
    private static final String[] ALPHABET = {"a", "z", "\u007F", "\u0080", "\u07FF", "\u0800", "\uD7FF", "\uE000",
            "\uFF21", "\uFFFF", "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF", "\u00e9", "\u65e5"};

    @Test
    void bytesSortAsStringCompareToDoes() {
        // given: random names over the tricky alphabet, including prefixes of each other
        Random random = new Random(42);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int length = random.nextInt(5); length >= 0; length--) {
                name.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            names.add(name.toString());
        }

        // when
        List<String> byBytes = names.stream()
                .sorted(Comparator.comparing(SortableNames::encode, Arrays::compareUnsigned))
                .toList();

        // then
        assertThat(byBytes).isEqualTo(names.stream().sorted().toList());
    }

    @Test
    void supplementaryCharactersSortBeforeTheTopOfTheBasicPlaneAsInJava() {
        byte[] grinning = SortableNames.encode("\uD83D\uDE00");
        byte[] fullwidthA = SortableNames.encode("\uFF21");

        assertThat(Arrays.compareUnsigned(grinning, fullwidthA)).isNegative();
        assertThat("\uD83D\uDE00".compareTo("\uFF21")).isNegative();
    }

    @Test
    void everyNameKeepsItsUtf8LengthAndDecodesBack() {
        for (String name : List.of("orders", "\u00e9t\u00e9", "\u65e5\u672c\u8a9e", "\uFF21\uFF22",
                "\uD83D\uDE00 party \uD83C\uDF89", String.join("", ALPHABET))) {
            byte[] encoded = SortableNames.encode(name);
            assertThat(encoded).hasSize(name.getBytes(StandardCharsets.UTF_8).length);
            assertThat(SortableNames.decode(encoded)).isEqualTo(name);
        }
    }

    @Test
    void aLoneSurrogateHasNoPlaceInTheOrder() {
        assertThatThrownBy(() -> SortableNames.encode("a\uD800b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate at index 1");
    }
}
