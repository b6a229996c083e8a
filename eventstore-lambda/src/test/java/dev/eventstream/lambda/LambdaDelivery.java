package dev.eventstream.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.eventstream.aws.testing.EmulatorClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What Lambda's event source mapping does for the function, on moto: reads the events table's stream with the SDK
 * (moto serves one shard per table) and hands the records as {@link DynamodbEvent}s, in the Lambda event model.
 * Public for the tests of functions built on this module (the test jar).
 */
public final class LambdaDelivery implements AutoCloseable {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private @Nullable String iterator;

    public LambdaDelivery(URI endpoint, String streamArn) {
        this.streams = EmulatorClients.client(DynamoDbStreamsClient.builder(), endpoint);
        this.streamArn = streamArn;
    }

    /** The records added to the stream since the last call, oldest first. */
    public List<Record> newRecords() {
        if (iterator == null) {
            String shardId = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0)
                    .shardId();
            iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        }
        List<Record> records = new ArrayList<>();
        // Bounded: a read of a shard that is not growing ends with an empty answer.
        for (int reads = 0; reads < 1_000; reads++) {
            String current = iterator;
            var response = streams.getRecords(r -> r.shardIterator(current));
            iterator = response.nextShardIterator();
            if (response.records().isEmpty()) {
                return records;
            }
            records.addAll(response.records());
        }
        throw new AssertionError("the stream did not stop growing within 1000 reads");
    }

    /** An invocation's event holding {@code records}, as Lambda delivers them. */
    public DynamodbEvent event(List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>();
        for (Record record : records) {
            converted.add(lambdaRecord(record));
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    private DynamodbEvent.DynamodbStreamRecord lambdaRecord(Record record) {
        DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
        lambda.setEventSourceARN(streamArn);
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventVersion(record.eventVersion());
        lambda.setEventSource(record.eventSource());
        lambda.setAwsRegion(record.awsRegion());
        var stream = record.dynamodb();
        StreamRecord converted = new StreamRecord()
                .withSequenceNumber(stream.sequenceNumber())
                .withSizeBytes(stream.sizeBytes());
        converted.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                .fromValue(stream.streamViewTypeAsString()));
        if (stream.approximateCreationDateTime() != null) {
            converted.setApproximateCreationDateTime(Date.from(stream.approximateCreationDateTime()));
        }
        if (stream.hasKeys()) {
            converted.setKeys(item(stream.keys()));
        }
        if (stream.hasNewImage()) {
            converted.setNewImage(item(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            converted.setOldImage(item(stream.oldImage()));
        }
        lambda.setDynamodb(converted);
        return lambda;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> item(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted =
                new LinkedHashMap<>();
        item.forEach((name, value) -> converted.put(name, value(value)));
        return converted;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(
            AttributeValue value) {
        var lambda = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> lambda.setS(value.s());
            case N -> lambda.setN(value.n());
            case B -> lambda.setB(value.b().asByteBuffer());
            case BOOL -> lambda.setBOOL(value.bool());
            case NUL -> lambda.setNULL(true);
            case M -> lambda.setM(item(value.m()));
            case L -> lambda.setL(value.l().stream().map(LambdaDelivery::value).toList());
            case SS -> lambda.setSS(value.ss());
            case NS -> lambda.setNS(value.ns());
            case BS -> lambda.setBS(value.bs().stream().map(b -> b.asByteBuffer()).toList());
            default -> throw new IllegalArgumentException("an attribute value of unknown type: " + value);
        }
        return lambda;
    }

    @Override
    public void close() {
        streams.close();
    }
}
