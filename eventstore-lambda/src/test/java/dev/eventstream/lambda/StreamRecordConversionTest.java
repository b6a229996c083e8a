package dev.eventstream.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The Lambda event model's records as the SDK's: every field the record and its attribute values carry. */
class StreamRecordConversionTest {

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambda() {
        return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue s(String value) {
        return lambda().withS(value);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static AttributeValue converted(
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
        return StreamRecordConversion.value(value, "a");
    }

    @Test
    void scalarValuesKeepTheirTypeAndValue() {
        assertThat(converted(s("text"))).isEqualTo(AttributeValue.fromS("text"));
        assertThat(converted(s(""))).isEqualTo(AttributeValue.fromS(""));
        assertThat(converted(lambda().withN("-12.50"))).isEqualTo(AttributeValue.fromN("-12.50"));
        assertThat(converted(lambda().withB(bytes("bin"))))
                .isEqualTo(AttributeValue.fromB(SdkBytes.fromUtf8String("bin")));
        assertThat(converted(lambda().withBOOL(false))).isEqualTo(AttributeValue.fromBool(false));
        assertThat(converted(lambda().withBOOL(true))).isEqualTo(AttributeValue.fromBool(true));
        assertThat(converted(lambda().withNULL(true))).isEqualTo(AttributeValue.fromNul(true));
    }

    @Test
    void setsKeepTheirMembersInOrder() {
        assertThat(converted(lambda().withSS("b", "a"))).isEqualTo(AttributeValue.fromSs(List.of("b", "a")));
        assertThat(converted(lambda().withNS("2", "10"))).isEqualTo(AttributeValue.fromNs(List.of("2", "10")));
        assertThat(converted(lambda().withBS(bytes("x"), bytes("yz")))).isEqualTo(AttributeValue.fromBs(List.of(
                SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("yz"))));
    }

    @Test
    void mapsAndListsAreConvertedAllTheWayDown() {
        // given
        var nested = lambda().withM(Map.of(
                "list", lambda().withL(s("one"), lambda().withN("2"), lambda().withM(Map.of("deep",
                        lambda().withBOOL(true)))),
                "empty", lambda().withL(List.of()),
                "none", lambda().withNULL(true)));

        // when / then
        assertThat(converted(nested)).isEqualTo(AttributeValue.fromM(Map.of(
                "list", AttributeValue.fromL(List.of(AttributeValue.fromS("one"), AttributeValue.fromN("2"),
                        AttributeValue.fromM(Map.of("deep", AttributeValue.fromBool(true))))),
                "empty", AttributeValue.fromL(List.of()),
                "none", AttributeValue.fromNul(true))));
    }

    @Test
    void readingABinaryLeavesTheEventsBufferAsItWas() {
        // given
        ByteBuffer buffer = bytes("payload");

        // when
        AttributeValue first = converted(lambda().withB(buffer));
        AttributeValue second = converted(lambda().withB(buffer));

        // then
        assertThat(buffer.remaining()).isEqualTo(7);
        assertThat(first.b().asUtf8String()).isEqualTo("payload");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aValueWithoutAnyTypeIsRejectedNamingTheAttribute() {
        // given
        var item = Map.of("pk", s("1:orders:1"), "data", lambda().withM(Map.of("inner", lambda())));

        // when / then
        assertThatThrownBy(() -> StreamRecordConversion.item(item, "record e-1 NewImage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute record e-1 NewImage.data.inner holds no value of any DynamoDB type (S, N, B,"
                        + " BOOL, NULL, M, L, SS, NS, BS)");
        assertThatThrownBy(() -> converted(lambda().withNULL(false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute a holds no value");
    }

    @Test
    void aRecordKeepsItsEventNameSequenceNumberCreationTimeImagesAndOrigin() {
        // given: an insert as Lambda delivers it
        Instant created = Instant.parse("2026-12-02T10:15:30Z");
        StreamRecord stream = new StreamRecord()
                .withSequenceNumber("4421584500000000017450439091")
                .withSizeBytes(59L)
                .withStreamViewType(StreamViewType.NEW_IMAGE)
                .withApproximateCreationDateTime(Date.from(created))
                .withKeys(Map.of("pk", s("6:orders:1"), "seq", lambda().withN("3")))
                .withNewImage(Map.of("pk", s("6:orders:1"), "seq", lambda().withN("3"), "type", s("PLACED")));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventSourceARN("arn:aws:dynamodb:eu-west-1:123456789012:table/events/stream/2026-12-02T10:00:00.000");
        record.setEventID("c4ca4238a0b923820dcc509a6f75849b");
        record.setEventName("INSERT");
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("eu-west-1");
        record.setDynamodb(stream);
        Identity identity = new Identity();
        identity.setPrincipalId("dynamodb.amazonaws.com");
        identity.setType("Service");
        record.setUserIdentity(identity);

        // when
        Record sdk = StreamRecordConversion.toSdk(record);

        // then
        assertThat(sdk.eventName()).isEqualTo(OperationType.INSERT);
        assertThat(sdk.eventID()).isEqualTo("c4ca4238a0b923820dcc509a6f75849b");
        assertThat(sdk.eventVersion()).isEqualTo("1.1");
        assertThat(sdk.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(sdk.awsRegion()).isEqualTo("eu-west-1");
        assertThat(sdk.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(sdk.userIdentity().type()).isEqualTo("Service");
        assertThat(sdk.dynamodb().sequenceNumber()).isEqualTo("4421584500000000017450439091");
        assertThat(sdk.dynamodb().sizeBytes()).isEqualTo(59L);
        assertThat(sdk.dynamodb().streamViewTypeAsString()).isEqualTo("NEW_IMAGE");
        assertThat(sdk.dynamodb().approximateCreationDateTime()).isEqualTo(created);
        assertThat(sdk.dynamodb().keys()).isEqualTo(Map.of("pk", AttributeValue.fromS("6:orders:1"),
                "seq", AttributeValue.fromN("3")));
        assertThat(sdk.dynamodb().newImage()).containsEntry("type", AttributeValue.fromS("PLACED")).hasSize(3);
        assertThat(sdk.dynamodb().hasOldImage()).isFalse();
    }

    @Test
    void anEventsMetadataAndRevisionComeOverAsTheTableHoldsThem() {
        // given: the image of an event appended with metadata and a revision
        String metadata = "{\"correlationId\":\"c-1\",\"headers\":{\"user\":\"Zo\u00eb \uD83D\uDE80\"}}";
        var image = Map.of("pk", s("6:orders1"), "seq", lambda().withN("1"), "meta", s(metadata),
                "rev", lambda().withN("12"));

        // when
        Map<String, AttributeValue> converted = StreamRecordConversion.item(image, "record e-1 NewImage");

        // then
        assertThat(converted).isEqualTo(Map.of("pk", AttributeValue.fromS("6:orders1"),
                "seq", AttributeValue.fromN("1"), "meta", AttributeValue.fromS(metadata),
                "rev", AttributeValue.fromN("12")));
    }

    @Test
    void aRemovalKeepsItsOldImageAndHasNoNewOne() {
        // given
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("REMOVE");
        record.setDynamodb(new StreamRecord().withSequenceNumber("12")
                .withOldImage(Map.of("pk", s("6:orders:1"))));

        // when
        Record sdk = StreamRecordConversion.toSdk(record);

        // then
        assertThat(sdk.eventName()).isEqualTo(OperationType.REMOVE);
        assertThat(sdk.dynamodb().oldImage()).isEqualTo(Map.of("pk", AttributeValue.fromS("6:orders:1")));
        assertThat(sdk.dynamodb().hasNewImage()).isFalse();
        assertThat(sdk.dynamodb().approximateCreationDateTime()).isNull();
        assertThat(sdk.userIdentity()).isNull();
    }
}
