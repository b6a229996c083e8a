package dev.eventstream.adapter.dynamodb;

import java.io.ByteArrayOutputStream;

/**
 * Encodes names as bytes whose unsigned byte order is {@link String#compareTo} order, so that DynamoDB, which sorts
 * a binary sort key byte by byte, lists names the way the port promises.
 *
 * <p>A string sort key would not do: DynamoDB orders strings by their UTF-8 bytes, i.e. by code point, which puts
 * U+E000..U+FFFF before the supplementary characters, while Java's UTF-16 order puts them after (a surrogate pair
 * starts with D800..DBFF). This code is UTF-8 for U+0000..U+D7FF; a supplementary character becomes {@code EE}
 * and its offset from U+10000 in three bytes, U+E000..U+FFFF become {@code EF} and their offset from U+E000 in two.
 * Every character keeps its UTF-8 length, so an encoded name fits wherever its UTF-8 form fits (1,024 bytes for a
 * sort key), and the lead byte alone tells a character's length, so no code is a prefix of another.
 */
final class SortableNames {
    private static final int SUPPLEMENTARY_LEAD = 0xEE;
    private static final int HIGH_BMP_LEAD = 0xEF;

    private SortableNames() {}

    static byte[] encode(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 8);
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | c >> 6);
                out.write(0x80 | c & 0x3F);
            } else if (c < Character.MIN_SURROGATE) {
                out.write(0xE0 | c >> 12);
                out.write(0x80 | c >> 6 & 0x3F);
                out.write(0x80 | c & 0x3F);
            } else if (c >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                int offset = c - Character.MIN_SUPPLEMENTARY_CODE_POINT;
                out.write(SUPPLEMENTARY_LEAD);
                out.write(offset >> 16);
                out.write(offset >> 8 & 0xFF);
                out.write(offset & 0xFF);
            } else if (c > Character.MAX_SURROGATE) {
                int offset = c - (Character.MAX_SURROGATE + 1);
                out.write(HIGH_BMP_LEAD);
                out.write(offset >> 8);
                out.write(offset & 0xFF);
            } else {
                throw new IllegalArgumentException(
                        "name holds a lone surrogate at index " + (i - 1) + ", which has no place in the order");
            }
        }
        return out.toByteArray();
    }

    static String decode(byte[] bytes) {
        StringBuilder name = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; ) {
            int lead = bytes[i] & 0xFF;
            int c;
            if (lead < 0x80) {
                c = lead;
                i += 1;
            } else if (lead < 0xE0) {
                c = (lead & 0x1F) << 6 | byteAt(bytes, i + 1) & 0x3F;
                i += 2;
            } else if (lead < SUPPLEMENTARY_LEAD) {
                c = (lead & 0x0F) << 12 | (byteAt(bytes, i + 1) & 0x3F) << 6 | byteAt(bytes, i + 2) & 0x3F;
                i += 3;
            } else if (lead == SUPPLEMENTARY_LEAD) {
                c = Character.MIN_SUPPLEMENTARY_CODE_POINT
                        + (byteAt(bytes, i + 1) << 16 | byteAt(bytes, i + 2) << 8 | byteAt(bytes, i + 3));
                i += 4;
            } else if (lead == HIGH_BMP_LEAD) {
                c = Character.MAX_SURROGATE + 1 + (byteAt(bytes, i + 1) << 8 | byteAt(bytes, i + 2));
                i += 3;
            } else {
                throw new IllegalArgumentException("not an encoded name: byte " + lead + " at index " + i);
            }
            name.appendCodePoint(c);
        }
        return name.toString();
    }

    private static int byteAt(byte[] bytes, int index) {
        if (index >= bytes.length) {
            throw new IllegalArgumentException("not an encoded name: it ends inside a character");
        }
        return bytes[index] & 0xFF;
    }
}
