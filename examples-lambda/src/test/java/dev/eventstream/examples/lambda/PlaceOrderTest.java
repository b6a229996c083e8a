package dev.eventstream.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The command as the function reads it from its JSON input. */
class PlaceOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompleteCommandIsRead() throws Exception {
        assertThat(PlaceOrder.from(JSON.readTree(
                "{\"commandId\":\"c-1\",\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":2}")))
                .isEqualTo(new PlaceOrder("c-1", "o-1", "book", 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":2}|commandId must be a string, was missing",
        "{\"commandId\":\"c-1\",\"orderId\":7,\"item\":\"book\",\"quantity\":2}|orderId must be a string, was NUMBER 7",
        "{\"commandId\":\"c-1\",\"orderId\":\" \",\"item\":\"book\",\"quantity\":2}|orderId must not be blank",
        "{\"commandId\":\"c-1\",\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":\"two\"}"
                + "|quantity must be a whole number, was STRING \"two\"",
        "{\"commandId\":\"c-1\",\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":2.5}"
                + "|quantity must be a whole number, was NUMBER 2.5",
        "{\"commandId\":\"c-1\",\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":0}"
                + "|quantity must be from 1 to 1000, was 0",
        "[1,2]|the command must be a JSON object, was ARRAY"
    })
    void anInvalidCommandIsRejectedNamingTheField(String json, String message) throws Exception {
        assertThatThrownBy(() -> PlaceOrder.from(JSON.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
