package dev.eventstream.adapter.dynamodb;

import dev.eventstream.core.Utf8;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB gives an item, by its published rules: every attribute name plus its value, strings and names
 * in UTF-8 bytes, a number 1 byte per two significant digits plus 1, binary values by length
 * (DynamoDB Developer Guide, "Item sizes and formats"). The 400 KB item limit, the 4 MB transaction limit and the
 * capacity units are all measured this way.
 */
final class ItemSize {
    /** DynamoDB's largest item, 400 KB. */
    static final long MAX_ITEM_BYTES = 400 * 1024;
    /** DynamoDB's largest TransactWriteItems request, 4 MB of items. */
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;

    private ItemSize() {}

    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8Length(attribute.getKey()) + valueSize(attribute.getKey(), attribute.getValue());
        }
        return size;
    }

    /**
     * The size of a number: leading zeros, sign and decimal point do not count. Trailing zeros are counted although
     * DynamoDB may trim them, so the result never falls short.
     */
    static long numberSize(String number) {
        int digits = 0;
        boolean leading = true;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9' || (leading && c == '0')) {
                continue;
            }
            leading = false;
            digits++;
        }
        return (digits + 1) / 2 + 1;
    }

    static long utf8Length(String text) {
        return Utf8.length(text);
    }

    private static long valueSize(String name, AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8Length(value.s());
            case N -> numberSize(value.n());
            case B -> value.b().asByteBuffer().remaining();
            case BOOL, NUL -> 1;
            default -> throw new IllegalArgumentException(
                    "attribute " + name + " has type " + value.type() + ", which the events table never stores");
        };
    }
}
