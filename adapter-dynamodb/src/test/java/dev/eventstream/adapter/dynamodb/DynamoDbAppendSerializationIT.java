package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.PayloadParsing;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An append writes its payload to JSON exactly once and parses it never, on moto: a payload that counts how often
 * Jackson reads its property, appended as a stream's first event (a transaction with the aggregation's marker) and
 * as a later one (a single PutItem); the item stores the text that one serialization wrote, and the records returned
 * hold it unparsed.
 */
class DynamoDbAppendSerializationIT {
    private static TestEngine moto;
    private static DynamoDbConfig table;
    private static DefaultEventStore store;

    @BeforeAll
    static void openStore() {
        moto = TestEngine.moto();
        table = moto.newTable();
        store = new DefaultEventStore(new DynamoDbEventPersistence(table));
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
            moto.deleteTable(table.tableName());
        }
    }

    /** A payload counting its serializations: Jackson reads {@code amount} once each time it writes the object. */
    static final class CountingPayload {
        final AtomicInteger serializations = new AtomicInteger();

        @JsonProperty("amount")
        int amount() {
            serializations.incrementAndGet();
            return 4250;
        }
    }

    @Test
    void eachAppendSerializesItsPayloadOnceAndParsesNothing() {
        // given
        EventStream stream = store.getEventStream("orders", "serialized-once");
        CountingPayload first = new CountingPayload();
        CountingPayload second = new CountingPayload();

        // when
        RecordedEvent firstEvent = stream.addEvent("PLACED", first);
        RecordedEvent secondEvent = stream.addEvent("PAID", second);

        // then
        assertThat(List.of(first.serializations.get(), second.serializations.get())).containsExactly(1, 1);
        assertThat(List.of(firstEvent, secondEvent)).noneMatch(PayloadParsing::isParsed);
        assertThat(List.of(firstEvent.payloadJson(), secondEvent.payloadJson())).containsOnly("{\"amount\":4250}");
        assertThat(storedData(firstEvent)).isEqualTo("{\"amount\":4250}");
        assertThat(storedData(secondEvent)).isEqualTo("{\"amount\":4250}");
    }

    private static String storedData(RecordedEvent event) {
        AttributeValue data = moto.item(table.tableName(), event.stream().asString(), event.sequence())
                .get(EventItem.DATA);
        return data.s();
    }
}
