package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class DeflatedJsonTest {

    @Test
    void textComesBackAsItWentInWhateverItsCharacters() {
        String json = "{\"types\":[\"PLACED\",\"PAID\"],\"note\":\"\u00e9t\u00e9 \u65e5\u672c \uD83D\uDE00\"}";

        assertThat(DeflatedJson.inflate(DeflatedJson.deflate(json))).isEqualTo(json);
        assertThat(DeflatedJson.inflate(DeflatedJson.deflate(""))).isEmpty();
    }

    @Test
    void aHistoryOfRepeatedEventTypesShrinksToASmallPart() {
        String json = "[" + "\"PLACED\",\"PAID\",\"SENT\",".repeat(10_000) + "\"DONE\"]";

        assertThat(DeflatedJson.deflate(json).length).isLessThan(json.length() / 50);
    }

    @Test
    void bytesThatAreNotDeflatedDataAreRejected() {
        assertThatThrownBy(() -> DeflatedJson.inflate("{\"plain\":true}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not deflated data");
    }

    @Test
    void dataCutShortIsRejected() {
        byte[] whole = DeflatedJson.deflate("{\"n\":\"" + "x".repeat(5_000) + "\"}");

        assertThatThrownBy(() -> DeflatedJson.inflate(Arrays.copyOf(whole, whole.length / 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unfinished");
    }

    @Test
    void dataInflatingBeyondTheBoundIsRejectedBeforeFillingTheHeap() {
        // given: zeros a little past the bound, which deflate shrinks about a thousandfold
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[DeflatedJson.MAX_INFLATED_BYTES + 1024]);
        deflater.finish();
        byte[] buffer = new byte[1024 * 1024];
        int length = 0;
        while (!deflater.finished()) {
            length += deflater.deflate(buffer, length, buffer.length - length);
        }
        deflater.end();
        byte[] bomb = Arrays.copyOf(buffer, length);

        // when / then
        assertThatThrownBy(() -> DeflatedJson.inflate(bomb))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + DeflatedJson.MAX_INFLATED_BYTES);
    }
}
