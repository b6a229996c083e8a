package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.adapter.dynamodb.DynamoDbConfig.FeedMode;
import dev.eventstream.api.EventStream;
import dev.eventstream.core.EventPersistence;
import dev.eventstream.testkit.Await;
import dev.eventstream.testkit.FeedContract;
import dev.eventstream.testkit.moto.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The feed contract on DynamoDB, end to end: events appended to a table with a DynamoDB stream, indexed into the
 * feed table by the in-process {@link StreamsIndexer} of whichever persistence holds its lease, read, subscribed
 * to and checkpointed through the feed table. On moto served one request at a time, so that the conditional writes
 * that leases and chunks rely on are atomic between the test's several "processes", as on DynamoDB. The tables stay
 * until moto stops: the stores of a test, and their indexers, are closed only after the test's own clean-up.
 */
class DynamoDbFeedContractIT extends FeedContract {
    private static final TestEngine ENGINE = new TestEngine(MotoServer.oneRequestAtATime().endpoint());
    private final List<DynamoDbConfig> tables = new ArrayList<>();

    @Override
    protected EventPersistence createPersistence() {
        DynamoDbConfig config = ENGINE.newTable().withFeedMode(FeedMode.IN_PROCESS).withCreateTable(true);
        tables.add(config);
        return new DynamoDbEventPersistence(config);
    }

    /** Another process: a persistence of its own over the same tables, with its own indexer competing for the lease. */
    @Override
    protected EventPersistence anotherProcess(EventPersistence persistence) {
        return new DynamoDbEventPersistence(tables.get(tables.size() - 1).withCreateTable(false));
    }

    /** Fewer appends than in memory: moto serves about a hundred requests a second one at a time. */
    @Override
    protected int appendsPerWriter() {
        return 5;
    }

    @Test
    void theProcessThatIndexesReportsTheIndexersLag_aProcessThatOnlyReadsDoesNot() {
        // given: the test's persistence indexes; another reads only
        DynamoDbEventPersistence indexing = (DynamoDbEventPersistence) persistence();
        DynamoDbEventPersistence reading = new DynamoDbEventPersistence(
                tables.get(tables.size() - 1).withCreateTable(false).withFeedMode(FeedMode.EXTERNAL));

        // when
        Await.until(Duration.ofSeconds(30), () -> "the indexer holds its lease",
                () -> indexing.indexerLag().isPresent());
        EventStream stream = store().getEventStream("orders", "1");
        awaitInFeed(List.of(stream.addEvent("PLACED", Map.of()).eventId()));

        // then
        assertThat(indexing.indexerLag()).hasValueSatisfying(lag -> assertThat(lag).isLessThan(Duration.ofHours(24)));
        assertThat(reading.indexerLag()).isEmpty();
        reading.close();
    }
}
