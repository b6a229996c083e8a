package dev.eventstream.core.telemetry;

import static java.util.Objects.requireNonNull;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Operation} is about, as it starts.
 *
 * @param kind what the store does
 * @param target a bounded name for its {@link OperationKind#targetTag() tag}: the read's source ({@code stream} or
 *     {@code feed}), the topic published to, the consumer delivered to (queue or group); empty for kinds without
 * @param stream the stream concerned, when it is one (never a tag: a span attribute)
 * @param causes the trace contexts of the events the operation handles, as their metadata headers carry them (see
 *     {@link Operation#context()}): a publication links to each; a delivery continues its one event's trace
 */
public record OperationStart(OperationKind kind, String target, @Nullable StreamKey stream,
        List<Map<String, String>> causes) {
    /** The source tag of a stream read. */
    public static final String STREAM = "stream";
    /** The source tag of a feed read. */
    public static final String FEED = "feed";

    public OperationStart {
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        causes = List.copyOf(causes);
    }

    public static OperationStart append(StreamKey stream) {
        return new OperationStart(OperationKind.APPEND, "", stream, List.of());
    }

    public static OperationStart readStream(StreamKey stream) {
        return new OperationStart(OperationKind.READ, STREAM, stream, List.of());
    }

    public static OperationStart readFeed() {
        return new OperationStart(OperationKind.READ, FEED, null, List.of());
    }

    public static OperationStart load(StreamKey stream) {
        return new OperationStart(OperationKind.LOAD, "", stream, List.of());
    }

    /** Publishing {@code events}, all of one stream, to {@code destination}. */
    public static OperationStart publish(String destination, List<RecordedEvent> events) {
        StreamKey stream = events.isEmpty() ? null : events.get(0).stream();
        return new OperationStart(OperationKind.PUBLISH, destination, stream,
                events.stream().map(e -> e.metadata().headers()).toList());
    }

    /** Delivering {@code event} to {@code consumer}. */
    public static OperationStart process(String consumer, RecordedEvent event) {
        return new OperationStart(OperationKind.PROCESS, consumer, event.stream(),
                List.of(event.metadata().headers()));
    }
}
