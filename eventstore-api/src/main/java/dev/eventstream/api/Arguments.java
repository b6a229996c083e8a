package dev.eventstream.api;

import java.nio.charset.StandardCharsets;

/** Argument checks shared by the value types, so every entry point words its errors the same way. */
final class Arguments {
    private Arguments() {}

    /**
     * Checks a name (aggregation, stream id, event type): not null, not blank, no control characters, and at most
     * {@code maxUtf8Bytes} bytes once encoded, because that is what the storage keys are measured in.
     */
    static String requireName(String value, String argument, int maxUtf8Bytes) {
        if (value == null) {
            throw new NullPointerException(argument + " is null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format(
                        "%s must not contain control characters, found U+%04X at index %d", argument, (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate encodes to '?' in UTF-8, so two different names would share one storage key.
                throw new IllegalArgumentException(
                        String.format("%s must be valid Unicode, found a lone surrogate at index %d", argument, i));
            }
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxUtf8Bytes) {
            throw new IllegalArgumentException(String.format(
                    "%s must be at most %d UTF-8 bytes, was %d", argument, maxUtf8Bytes, bytes));
        }
        return value;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
