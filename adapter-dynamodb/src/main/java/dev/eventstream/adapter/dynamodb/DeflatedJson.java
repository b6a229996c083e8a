package dev.eventstream.adapter.dynamodb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * JSON text deflated for storage (zlib format, {@link java.util.zip}): a snapshot's folded history repeats the same
 * few event types thousands of times, which deflating shrinks to a small part, so that a snapshot of a far longer
 * stream still fits one item and loading it reads fewer capacity units.
 */
final class DeflatedJson {
    /**
     * The most text one stored value may inflate to. A snapshot of a million events takes about 10 MB of JSON; a
     * corrupted or hostile value must not be able to fill the heap (deflate reaches about 1,000 to 1).
     */
    static final int MAX_INFLATED_BYTES = 64 * 1024 * 1024;

    private DeflatedJson() {}

    static byte[] deflate(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(text);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, text.length / 8));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /**
     * The JSON text {@code deflated} holds.
     *
     * @throws IllegalArgumentException when the bytes are not zlib data, are cut short, or inflate to more than
     *     {@link #MAX_INFLATED_BYTES}
     */
    static String inflate(byte[] deflated) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 8);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int inflated = inflater.inflate(buffer);
                if (inflated == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("deflated JSON ends after " + out.size() + " bytes, unfinished");
                }
                out.write(buffer, 0, inflated);
                if (out.size() > MAX_INFLATED_BYTES) {
                    throw new IllegalArgumentException(
                            "deflated JSON inflates to more than " + MAX_INFLATED_BYTES + " bytes");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not deflated data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
