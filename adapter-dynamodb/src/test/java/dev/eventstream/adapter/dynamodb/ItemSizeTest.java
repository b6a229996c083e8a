package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    @Test
    void anItemIsItsAttributeNamesPlusValuesInUtf8Bytes() {
        // given: "pk" + "abc", "data" + "héllo ✓😀" (1+2+1+1+1+1+3+4 = 14 bytes), "b" + 3 bytes
        Map<String, AttributeValue> item = Map.of(
                "pk", AttributeValue.fromS("abc"),
                "data", AttributeValue.fromS("h\u00e9llo \u2713\uD83D\uDE00"),
                "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[3])));

        // when / then
        assertThat(ItemSize.of(item)).isEqualTo(2 + 3 + 4 + 14 + 1 + 3);
    }

    @Test
    void utf8LengthMatchesTheJdkEncoderForEveryKindOfCharacter() {
        String text = "ascii \u00e9\u00df \u65e5\u672c \uFF21 \uD83D\uDE00\uD83C\uDF89 end";

        assertThat(ItemSize.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 2", "12, 2", "123, 3", "1700000000000, 8", "-42, 2", "9223372036854775807, 11",
            "0.001, 2"})
    void aNumberIsOneBytePerTwoSignificantDigitsPlusOne(String number, long bytes) {
        assertThat(ItemSize.numberSize(number)).isEqualTo(bytes);
    }
}
