package dev.eventstream.adapter.archfixturee;

import dev.eventstream.spring.EventStreamProperties;

/** Breaks a rule on purpose: an adapter class that reads the starter's properties. */
public class AdapterUsingTheStarter {
    public boolean onDynamoDb(EventStreamProperties properties) {
        return properties.usesDynamoDb();
    }
}
