package dev.eventstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Priced(BigDecimal price) {}

    record WithRawJson(@JsonRawValue String raw) {}

    @Test
    void decimalsKeepTheirScaleFromValueToTextToTree() {
        // given
        Map<String, Object> value = Map.of("price", new BigDecimal("100.00"));

        // when
        String text = Json.toJson(value, "payload");
        JsonNode tree = Json.parse(text);

        // then
        assertThat(text).isEqualTo("{\"price\":100.00}");
        assertThat(tree.get("price").decimalValue()).isEqualTo(new BigDecimal("100.00"));
        assertThat(Json.toTree(value, "payload")).isEqualTo(tree);
        assertThat(Json.write(tree)).isEqualTo(text);
        assertThat(Json.read(text, Priced.class).price()).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void numbersTooLargeForADoubleStayExact() {
        JsonNode tree = Json.parse("{\"big\":1e400,\"precise\":0.1000000000000000055511151231257827}");

        assertThat(tree.get("big").decimalValue()).isEqualTo(new BigDecimal("1E+400"));
        assertThat(Json.write(tree)).isEqualTo("{\"big\":1E+400,\"precise\":0.1000000000000000055511151231257827}");
    }

    @Test
    void rawJsonIsCheckedLikeAnyOtherValue() {
        assertThat(Json.toJson(new WithRawJson("{\"a\":[1,2.50]}"), "payload")).isEqualTo("{\"raw\":{\"a\":[1,2.50]}}");
        assertThatThrownBy(() -> Json.toJson(new WithRawJson("[" + "9".repeat(1_001) + "]"), "payload"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload is rejected");
        assertThatThrownBy(() -> Json.toJson(new WithRawJson("{not json"), "payload"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload is rejected");
    }

    @Test
    void rejectionsNameTheArgumentAndTheLimitWithoutJacksonsReferenceChain() {
        Object deep = "leaf";
        for (int i = 0; i < 2_000; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;

        assertThatThrownBy(() -> Json.toJson(tooDeep, "metadata"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata is rejected: it nests arrays and objects deeper than 1000 levels, the most the"
                        + " store reads back (Limits.MAX_PAYLOAD_DEPTH)");
        assertThatThrownBy(() -> Json.toJson(Map.of("n", Double.NaN), "payload"))
                .hasMessage("payload is rejected: it holds NaN, which JSON cannot represent");
        assertThatThrownBy(() -> Json.toJson(Map.of("n", new BigDecimal("1" + "0".repeat(1_000))), "payload"))
                .hasMessage("payload is rejected: it holds a number of 1001 characters; the store reads back numbers"
                        + " of at most 1000 (Limits.MAX_PAYLOAD_NUMBER_CHARS)");
        assertThatThrownBy(() -> Json.toJson(null, "payload"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("payload is null");
    }

    @Test
    void aNewEventKeepsThePayloadTextItWasMadeWith() {
        // given
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("status", "placed");
        NewEvent event = new NewEvent(UUID.randomUUID(), "PLACED", tree);

        // when
        tree.put("status", "changed");

        // then
        assertThat(event.payloadJson()).isEqualTo("{\"status\":\"placed\"}");
        assertThat(event.payload().get("status").asText()).isEqualTo("placed");
        assertThat(event).isEqualTo(new NewEvent(event.eventId(), "PLACED", Json.parse("{\"status\":\"placed\"}")));
    }

    record Quantity(int quantity) {}

    @Test
    void readFailuresSayWhereAndWhatButNeverQuoteTheText() {
        assertThatThrownBy(() -> Json.parse("{\"note\":\"fine\",\"card\":4111-secret}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON at character")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Json.read("{\"quantity\":\"secret-value\"}", Quantity.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("payload cannot be read as " + Quantity.class.getName())
                .hasMessageContaining("quantity")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Json.fromTree(Json.parse("{\"quantity\":\"secret-value\"}"), Quantity.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }
}
