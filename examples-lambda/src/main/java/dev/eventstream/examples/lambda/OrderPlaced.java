package dev.eventstream.examples.lambda;

import dev.eventstream.api.EventType;

/** The event a placed order appends, first of its stream. */
@EventType("OrderPlaced")
public record OrderPlaced(String item, int quantity) {}
