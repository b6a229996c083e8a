package dev.eventstream.api;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes JSON as the generator it wraps does, but refuses what the store's reader could not read back or what JSON
 * cannot hold, while the value is being written: one pass, no second parse. Nesting depth is checked by the
 * wrapped generator's own constraints, which {@link Json} sets to the reader's.
 */
final class CheckedJsonGenerator extends JsonGeneratorDelegate {
    /** A BigInteger of at most this many bits has fewer digits than {@link Limits#MAX_PAYLOAD_NUMBER_CHARS}. */
    private static final int SAFE_BIT_LENGTH = (int) ((Limits.MAX_PAYLOAD_NUMBER_CHARS - 2) * 3.32);
    /** A BigDecimal of at most this many digits is written in fewer characters (sign, point, exponent included). */
    private static final int SAFE_PRECISION = Limits.MAX_PAYLOAD_NUMBER_CHARS - 16;

    CheckedJsonGenerator(JsonGenerator delegate) {
        // false: writeObject and writeTree come back through this generator, so their numbers are checked too.
        super(delegate, false);
    }

    /** A value refused by this generator; its message says which and why. */
    static final class Rejected extends JsonGenerationException {
        private static final long serialVersionUID = 1L;

        Rejected(String message, JsonGenerator generator) {
            super(message, generator);
        }
    }

    @Override
    public void writeNumber(double value) throws IOException {
        if (!Double.isFinite(value)) {
            throw notFinite(Double.toString(value));
        }
        super.writeNumber(value);
    }

    @Override
    public void writeNumber(float value) throws IOException {
        if (!Float.isFinite(value)) {
            throw notFinite(Float.toString(value));
        }
        super.writeNumber(value);
    }

    @Override
    public void writeNumber(BigDecimal value) throws IOException {
        if (value != null && value.precision() > SAFE_PRECISION) {
            checkLength(value.toString().length());
        }
        super.writeNumber(value);
    }

    @Override
    public void writeNumber(BigInteger value) throws IOException {
        if (value != null && value.bitLength() > SAFE_BIT_LENGTH) {
            checkLength(value.toString().length());
        }
        super.writeNumber(value);
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (encodedValue != null) {
            checkLength(encodedValue.length());
        }
        super.writeNumber(encodedValue);
    }

    @Override
    public void writeNumber(char[] encodedValueBuffer, int offset, int length) throws IOException {
        checkLength(length);
        super.writeNumber(encodedValueBuffer, offset, length);
    }

    // Raw JSON (@JsonRawValue, RawValue) is parsed and written as a tree, so it meets the same checks.

    @Override
    public void writeRawValue(String text) throws IOException {
        writeTree(Json.parse(text));
    }

    @Override
    public void writeRawValue(String text, int offset, int length) throws IOException {
        writeRawValue(text.substring(offset, offset + length));
    }

    @Override
    public void writeRawValue(char[] text, int offset, int length) throws IOException {
        writeRawValue(new String(text, offset, length));
    }

    @Override
    public void writeRawValue(SerializableString text) throws IOException {
        writeRawValue(text.getValue());
    }

    private void checkLength(int chars) throws Rejected {
        if (chars > Limits.MAX_PAYLOAD_NUMBER_CHARS) {
            throw new Rejected(String.format("it holds a number of %d characters; the store reads back numbers of at"
                    + " most %d (Limits.MAX_PAYLOAD_NUMBER_CHARS)", chars, Limits.MAX_PAYLOAD_NUMBER_CHARS), this);
        }
    }

    private Rejected notFinite(String value) {
        return new Rejected("it holds " + value + ", which JSON cannot represent", this);
    }
}
