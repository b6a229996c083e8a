package dev.eventstream.adapter.sqs;

import dev.eventstream.api.AppendResult;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.api.WrongExpectedVersionException;
import dev.eventstream.core.EventPersistence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The smallest persistence these tests need: streams in a map, appends under one lock. */
final class MapPersistence implements EventPersistence {
    private final Map<StreamKey, List<RecordedEvent>> streams = new TreeMap<>();

    @Override
    public synchronized AppendResult append(StreamKey stream, ExpectedVersion expected, List<NewEvent> events) {
        List<RecordedEvent> stored = streams.computeIfAbsent(stream, key -> new ArrayList<>());
        if (!expected.isSatisfiedBy(stored.size())) {
            throw new WrongExpectedVersionException(stream, expected, stored.size());
        }
        Instant now = Instant.now();
        List<RecordedEvent> recorded = new ArrayList<>();
        for (NewEvent event : events) {
            recorded.add(RecordedEvent.of(stream, stored.size() + recorded.size() + 1, event, now));
        }
        stored.addAll(recorded);
        return new AppendResult(recorded, stored.size());
    }

    @Override
    public synchronized List<RecordedEvent> read(StreamKey stream, long fromSequence, long maxCount) {
        List<RecordedEvent> stored = streams.getOrDefault(stream, List.of());
        int from = (int) Math.min(fromSequence - 1, stored.size());
        int to = (int) Math.min(stored.size(), from + Math.min(maxCount, Integer.MAX_VALUE));
        return List.copyOf(stored.subList(from, to));
    }

    @Override
    public synchronized List<String> aggregations(int offset, int limit) {
        return streams.keySet().stream().map(StreamKey::aggregation).distinct().skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized List<String> streams(String aggregation, int offset, int limit) {
        return streams.keySet().stream()
                .filter(key -> key.aggregation().equals(aggregation))
                .map(StreamKey::streamId)
                .skip(offset)
                .limit(limit)
                .toList();
    }
}
