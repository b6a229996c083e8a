package dev.eventstream.core.telemetry;

import org.jspecify.annotations.Nullable;

/**
 * The store's timed operations. Each is a timer named {@link #meterName()} tagged {@code outcome} (and, for some,
 * {@link #targetTag()}), with a counter {@code <meterName>.events} of the events it handled, and a span named
 * {@link #spanName()}.
 */
public enum OperationKind {
    /** {@code EventStream.append} and {@code addEvent}. */
    APPEND("eventstream.append", null),
    /** Reading a stream's events ({@code getEvents}, {@code readEvents}) or the feed ({@code readFeed}). */
    READ("eventstream.read", "source"),
    /** {@code loadFromHistory} and {@code load}: from the latest snapshot, if any, then the events after it. */
    LOAD("eventstream.load", null),
    /** Handing committed events to the publisher (SNS): one call, one stream's events. */
    PUBLISH("eventstream.publish", "destination"),
    /** Delivering one event to a subscriber: {@code subscribe} or a catch-up subscription's handler. */
    PROCESS("eventstream.process", "consumer");

    private final String meterName;
    private final @Nullable String targetTag;

    OperationKind(String meterName, @Nullable String targetTag) {
        this.meterName = meterName;
        this.targetTag = targetTag;
    }

    public String meterName() {
        return meterName;
    }

    /** The tag naming the operation's {@link OperationStart#target()}, or null when it has none. */
    public @Nullable String targetTag() {
        return targetTag;
    }

    /** {@code eventstream.append}, ... as a span name; the target follows it when there is one. */
    public String spanName() {
        return meterName;
    }
}
