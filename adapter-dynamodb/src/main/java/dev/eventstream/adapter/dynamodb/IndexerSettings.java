package dev.eventstream.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the feed's indexer paces itself.
 *
 * @param leaseDuration how long the holder of the indexer lease may go without renewing it before another process
 *     takes over, at least 1 second (the lease store's minimum)
 * @param renewInterval how often the holder renews the lease, and how often a standby asks for it; shorter than
 *     {@code leaseDuration}, so that a holder renews several times within it
 * @param idlePoll how long the holder waits before reading the stream again after a poll that found nothing
 * @param warmUpEntries how many of the feed's last entries a new holder reads to learn how far each recent stream
 *     is indexed, and how many streams it remembers that of (a bounded LRU)
 * @param retryBackoff the first wait after a failure (DynamoDB, DynamoDB Streams); it doubles up to
 *     {@code maxBackoff} while failures go on
 * @param maxBackoff the longest wait between attempts after failures
 * @param closeTimeout how long {@link StreamsIndexer#close()} waits for the indexing thread to stop
 */
record IndexerSettings(Duration leaseDuration, Duration renewInterval, Duration idlePoll, int warmUpEntries,
        Duration retryBackoff, Duration maxBackoff, Duration closeTimeout) {
    private static final Duration LONGEST = Duration.ofHours(1);

    static final IndexerSettings DEFAULT = new IndexerSettings(Duration.ofSeconds(10), Duration.ofSeconds(3),
            Duration.ofMillis(250), 10_000, Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(5));

    IndexerSettings {
        requireBetween(leaseDuration, Duration.ofSeconds(1), LONGEST, "leaseDuration");
        requireBetween(renewInterval, Duration.ofMillis(1), LONGEST, "renewInterval");
        requireBetween(idlePoll, Duration.ofMillis(1), LONGEST, "idlePoll");
        requireBetween(retryBackoff, Duration.ofMillis(1), LONGEST, "retryBackoff");
        requireBetween(maxBackoff, Duration.ofMillis(1), LONGEST, "maxBackoff");
        requireBetween(closeTimeout, Duration.ofMillis(1), LONGEST, "closeTimeout");
        if (renewInterval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("renewInterval must be shorter than leaseDuration, was "
                    + renewInterval + " >= " + leaseDuration);
        }
        if (maxBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than retryBackoff, was " + maxBackoff
                    + " < " + retryBackoff);
        }
        if (warmUpEntries < 1 || warmUpEntries > 1_000_000) {
            throw new IllegalArgumentException("warmUpEntries must be between 1 and 1000000, was " + warmUpEntries);
        }
    }

    IndexerSettings withLease(Duration leaseDuration, Duration renewInterval) {
        return new IndexerSettings(leaseDuration, renewInterval, idlePoll, warmUpEntries, retryBackoff, maxBackoff,
                closeTimeout);
    }

    IndexerSettings withIdlePoll(Duration idlePoll) {
        return new IndexerSettings(leaseDuration, renewInterval, idlePoll, warmUpEntries, retryBackoff, maxBackoff,
                closeTimeout);
    }

    IndexerSettings withWarmUpEntries(int warmUpEntries) {
        return new IndexerSettings(leaseDuration, renewInterval, idlePoll, warmUpEntries, retryBackoff, maxBackoff,
                closeTimeout);
    }

    IndexerSettings withRetryBackoff(Duration retryBackoff, Duration maxBackoff) {
        return new IndexerSettings(leaseDuration, renewInterval, idlePoll, warmUpEntries, retryBackoff, maxBackoff,
                closeTimeout);
    }

    IndexerSettings withCloseTimeout(Duration closeTimeout) {
        return new IndexerSettings(leaseDuration, renewInterval, idlePoll, warmUpEntries, retryBackoff, maxBackoff,
                closeTimeout);
    }

    private static void requireBetween(Duration value, Duration min, Duration max, String name) {
        requireNonNull(value, name + " is null");
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
