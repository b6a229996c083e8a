package dev.eventstream.core;

import dev.eventstream.api.StreamKey;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks striped by stream: appends to one stream in this process take the same lock, appends to
 * most other streams take another. Fixed, so memory does not grow with the number of streams.
 */
final class StreamLocks {
    private static final int STRIPES = 1024;

    private final Lock[] locks = new Lock[STRIPES];

    StreamLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    Lock lockFor(StreamKey stream) {
        return locks[Math.floorMod(stream.hashCode() * 0x9E3779B9, STRIPES)];
    }
}
