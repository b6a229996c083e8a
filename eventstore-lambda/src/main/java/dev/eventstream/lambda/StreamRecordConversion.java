package dev.eventstream.lambda;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * The Lambda event model's stream records ({@code aws-lambda-java-events}, types of its own) as the AWS SDK's, which
 * the DynamoDB adapter indexes. Every attribute type is carried over (S, N, B, BOOL, NULL, M, L, SS, NS, BS), also
 * those the indexer does not read, so a record means the same on both sides. Binary values are copied, leaving the
 * event's buffers as they were.
 */
final class StreamRecordConversion {
    private StreamRecordConversion() {}

    /**
     * The SDK's form of {@code record}.
     *
     * @throws IllegalArgumentException when an attribute value holds no type, naming the attribute
     */
    static Record toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record record) {
        Record.Builder sdk = Record.builder()
                .eventID(record.getEventID())
                .eventName(record.getEventName())
                .eventVersion(record.getEventVersion())
                .eventSource(record.getEventSource())
                .awsRegion(record.getAwsRegion());
        Identity identity = record.getUserIdentity();
        if (identity != null) {
            sdk.userIdentity(i -> i.principalId(identity.getPrincipalId()).type(identity.getType()));
        }
        var stream = record.getDynamodb();
        if (stream != null) {
            String where = "record " + record.getEventID();
            StreamRecord.Builder converted = StreamRecord.builder()
                    .sequenceNumber(stream.getSequenceNumber())
                    .sizeBytes(stream.getSizeBytes())
                    .streamViewType(stream.getStreamViewType())
                    .approximateCreationDateTime(instantOf(stream.getApproximateCreationDateTime()));
            if (stream.getKeys() != null) {
                converted.keys(item(stream.getKeys(), where + " keys"));
            }
            if (stream.getNewImage() != null) {
                converted.newImage(item(stream.getNewImage(), where + " NewImage"));
            }
            if (stream.getOldImage() != null) {
                converted.oldImage(item(stream.getOldImage(), where + " OldImage"));
            }
            sdk.dynamodb(converted.build());
        }
        return sdk.build();
    }

    private static java.time.@Nullable Instant instantOf(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    static Map<String, AttributeValue> item(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> item,
            String where) {
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        item.forEach((name, value) -> converted.put(name, value(value, where + "." + name)));
        return converted;
    }

    /**
     * One attribute value. The Lambda model marks NULL and BOOL with Booleans that are null when unset; a value
     * with none of the types set is not one DynamoDB sends.
     */
    static AttributeValue value(
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.@Nullable AttributeValue value,
            String where) {
        if (value == null) {
            throw new IllegalArgumentException("attribute " + where + " is null");
        }
        if (value.getS() != null) {
            return AttributeValue.fromS(value.getS());
        }
        if (value.getN() != null) {
            return AttributeValue.fromN(value.getN());
        }
        if (value.getB() != null) {
            return AttributeValue.fromB(bytes(value.getB()));
        }
        if (value.getBOOL() != null) {
            return AttributeValue.fromBool(value.getBOOL());
        }
        if (Boolean.TRUE.equals(value.getNULL())) {
            return AttributeValue.fromNul(true);
        }
        if (value.getM() != null) {
            return AttributeValue.fromM(item(value.getM(), where));
        }
        if (value.getL() != null) {
            List<AttributeValue> list = new ArrayList<>(value.getL().size());
            for (int i = 0; i < value.getL().size(); i++) {
                list.add(value(value.getL().get(i), where + "[" + i + "]"));
            }
            return AttributeValue.fromL(list);
        }
        if (value.getSS() != null) {
            return AttributeValue.fromSs(List.copyOf(value.getSS()));
        }
        if (value.getNS() != null) {
            return AttributeValue.fromNs(List.copyOf(value.getNS()));
        }
        if (value.getBS() != null) {
            return AttributeValue.fromBs(binaries(value.getBS(), where));
        }
        throw new IllegalArgumentException("attribute " + where + " holds no value of any DynamoDB type (S, N, B,"
                + " BOOL, NULL, M, L, SS, NS, BS)");
    }

    private static SdkBytes bytes(ByteBuffer buffer) {
        // A duplicate: reading it leaves the event's buffer position where it was.
        return SdkBytes.fromByteBuffer(buffer.duplicate());
    }

    private static List<SdkBytes> binaries(Collection<ByteBuffer> buffers, String where) {
        List<SdkBytes> converted = new ArrayList<>(buffers.size());
        for (ByteBuffer buffer : buffers) {
            if (buffer == null) {
                throw new IllegalArgumentException("attribute " + where + " holds a null binary in its BS set");
            }
            converted.add(bytes(buffer));
        }
        return converted;
    }
}
