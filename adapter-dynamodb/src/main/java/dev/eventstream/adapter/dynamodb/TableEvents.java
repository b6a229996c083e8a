package dev.eventstream.adapter.dynamodb;

import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import java.util.List;

/**
 * The events table as the indexer reads it when a stream's record arrives before the records of the events
 * preceding it: {@link dev.eventstream.core.EventPersistence#read}, strongly consistent, which
 * {@code persistence::read} provides.
 */
@FunctionalInterface
interface TableEvents {

    /**
     * The events of {@code stream} from {@code fromSequence} on, oldest first, at most {@code maxCount}; sees every
     * append that completed before the call.
     */
    List<RecordedEvent> read(StreamKey stream, long fromSequence, long maxCount);
}
