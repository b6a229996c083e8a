package dev.eventstream.api;

/**
 * Names one stream: an aggregation (the kind of entity, e.g. {@code orders}) and the stream id inside it.
 *
 * <p>Two keys are the same stream exactly when both parts are equal; no choice of strings makes two different
 * pairs collide, whatever characters they hold.
 */
public record StreamKey(String aggregation, String streamId) implements Comparable<StreamKey> {
    public StreamKey {
        Arguments.requireName(aggregation, "aggregation", Limits.MAX_AGGREGATION_BYTES);
        Arguments.requireName(streamId, "streamId", Limits.MAX_STREAM_ID_BYTES);
    }

    public static StreamKey of(String aggregation, String streamId) {
        return new StreamKey(aggregation, streamId);
    }

    /**
     * One string for this stream that no other stream shares: the aggregation's length, a colon, the aggregation,
     * then the stream id ({@code 6:orders123}). The length prefix is what makes {@code a:b}+{@code c} and
     * {@code a}+{@code b:c} different.
     */
    public String asString() {
        return aggregation.length() + ":" + aggregation + streamId;
    }

    @Override
    public int compareTo(StreamKey other) {
        int byAggregation = aggregation.compareTo(other.aggregation);
        return byAggregation != 0 ? byAggregation : streamId.compareTo(other.streamId);
    }

    @Override
    public String toString() {
        return aggregation + "/" + streamId;
    }
}
