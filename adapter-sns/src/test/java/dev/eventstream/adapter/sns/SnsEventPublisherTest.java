package dev.eventstream.adapter.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;

/** What the publisher does when SNS refuses part of a batch, which no emulator here can be made to do. */
class SnsEventPublisherTest {
    private static final SnsConfig CONFIG =
            SnsConfig.builder("arn:aws:sns:us-east-1:123456789012:orders.fifo").build();

    @Test
    void aPartlyRefusedBatchFailsThePublishAndStopsBeforeTheNextBatch() {
        // given: SNS refuses sequence 12, in the second of three batches
        RefusingSns sns = new RefusingSns("12");
        List<RecordedEvent> events = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> SnsNotificationTest.event("123", i, Map.of("i", i)))
                .toList();

        // when / then
        try (SnsEventPublisher publisher = new SnsEventPublisher(sns, CONFIG)) {
            assertThatThrownBy(() -> publisher.publish(events))
                    .isInstanceOf(EventStoreUnavailableException.class)
                    .hasMessage("SNS refused 1 of 10 notifications of stream orders/123, the first at sequence 12:"
                            + " InternalError: try again");
        }
        assertThat(sns.batches).hasSize(2);
        assertThat(sns.batches.get(1)).extracting(PublishBatchRequestEntry::id)
                .containsExactly("11", "12", "13", "14", "15", "16", "17", "18", "19", "20");
        assertThat(sns.closed).as("a client the caller made stays open").isFalse();
    }

    /** An SNS client that accepts every batch entry except the one with the given id. */
    private static final class RefusingSns implements SnsClient {
        private final String refusedId;
        private final List<List<PublishBatchRequestEntry>> batches = new ArrayList<>();
        private boolean closed;

        RefusingSns(String refusedId) {
            this.refusedId = refusedId;
        }

        @Override
        public PublishBatchResponse publishBatch(PublishBatchRequest request) {
            batches.add(request.publishBatchRequestEntries());
            PublishBatchResponse.Builder response = PublishBatchResponse.builder();
            List<PublishBatchResultEntry> successful = new ArrayList<>();
            List<BatchResultErrorEntry> failed = new ArrayList<>();
            for (PublishBatchRequestEntry entry : request.publishBatchRequestEntries()) {
                if (entry.id().equals(refusedId)) {
                    failed.add(BatchResultErrorEntry.builder().id(entry.id()).code("InternalError")
                            .message("try again").senderFault(false).build());
                } else {
                    successful.add(PublishBatchResultEntry.builder().id(entry.id()).messageId("m-" + entry.id())
                            .build());
                }
            }
            return response.successful(successful).failed(failed).build();
        }

        @Override
        public GetTopicAttributesResponse getTopicAttributes(GetTopicAttributesRequest request) {
            return GetTopicAttributesResponse.builder().attributes(Map.of("TopicArn", request.topicArn())).build();
        }

        @Override
        public String serviceName() {
            return "sns";
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
