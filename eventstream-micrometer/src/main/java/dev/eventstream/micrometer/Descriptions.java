package dev.eventstream.micrometer;

import dev.eventstream.core.telemetry.OperationKind;

/** What the operations' meters measure, as registries show it (Prometheus's {@code # HELP}). */
final class Descriptions {
    private Descriptions() {}

    static String timer(OperationKind kind) {
        // A statement, not an exhaustive switch: a kind added to the core later still gets a description.
        switch (kind) {
            case APPEND:
                return "Appends to a stream, from their checks to their commit";
            case READ:
                return "Reads of a stream's events or of the feed";
            case LOAD:
                return "Loads of a stream's history or state, snapshot and events";
            case PUBLISH:
                return "Publications of one stream's committed events";
            case PROCESS:
                return "Deliveries of one event to a subscriber";
            default:
                return "The store's " + kind.meterName() + " operations";
        }
    }

    static String events(OperationKind kind) {
        switch (kind) {
            case APPEND:
                return "Events appended";
            case READ:
                return "Events read";
            case LOAD:
                return "Events loaded";
            case PUBLISH:
                return "Events published";
            case PROCESS:
                return "Events delivered to subscribers";
            default:
                return "Events handled by " + kind.meterName() + " operations";
        }
    }
}
