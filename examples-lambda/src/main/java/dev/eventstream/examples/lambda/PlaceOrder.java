package dev.eventstream.examples.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The function's command: place order {@code orderId} for {@code quantity} of {@code item}. {@code commandId} names
 * this command among the caller's (an idempotency key): Lambda and its callers retry an invocation, and the same
 * command placed twice appends its event once.
 */
record PlaceOrder(String commandId, String orderId, String item, int quantity) {
    static final int MAX_QUANTITY = 1_000;

    PlaceOrder {
        requireText(commandId, "commandId");
        requireText(orderId, "orderId");
        requireText(item, "item");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be from 1 to " + MAX_QUANTITY + ", was " + quantity);
        }
    }

    /**
     * The command in {@code json}, an object with the four fields.
     *
     * @throws IllegalArgumentException naming the field missing or of the wrong type
     */
    static PlaceOrder from(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("the command must be a JSON object, was " + json.getNodeType());
        }
        JsonNode quantity = json.path("quantity");
        if (!quantity.canConvertToExactIntegral() || !quantity.canConvertToInt()) {
            throw new IllegalArgumentException("quantity must be a whole number, was " + describe(quantity));
        }
        return new PlaceOrder(text(json, "commandId"), text(json, "orderId"), text(json, "item"), quantity.intValue());
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, was " + describe(value));
        }
        return value.textValue();
    }

    private static String describe(JsonNode value) {
        return value.isMissingNode() ? "missing" : value.getNodeType() + " " + value;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
