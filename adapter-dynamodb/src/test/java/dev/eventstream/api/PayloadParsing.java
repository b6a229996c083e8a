package dev.eventstream.api;

/** Lets the adapter's tests see whether a recorded event's payload was parsed, which the api keeps to itself. */
public final class PayloadParsing {
    private PayloadParsing() {}

    public static boolean isParsed(RecordedEvent event) {
        return event.payloadParsed();
    }
}
