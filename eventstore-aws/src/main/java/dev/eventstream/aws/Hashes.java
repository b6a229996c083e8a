package dev.eventstream.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable short names for values AWS would not take as they are (too long, or holding characters a queue name or
 * FIFO group id refuses): the SHA-256 of the value.
 */
public final class Hashes {
    private Hashes() {}

    /** The SHA-256 of {@code value}'s UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    /** The SHA-256 of {@code value}'s UTF-8 bytes. */
    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
