package dev.eventstream.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.api.EventStoreException;
import dev.eventstream.api.EventStoreUnavailableException;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.StreamKey;
import dev.eventstream.testkit.fault.FaultyEndpoint;
import dev.eventstream.testkit.fault.FaultyEndpoint.Mode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How DynamoDB failures reach the caller: as the store's exceptions, never as AWS types. */
class DynamoDbFailureIT {
    private static final int MAX_RETRIES = 2;
    private static final StreamKey STREAM = StreamKey.of("orders", "1");

    private final TestEngine moto = TestEngine.moto();
    private FaultyEndpoint endpoint;
    private DynamoDbConfig table;
    private DynamoDbEventPersistence persistence;

    @BeforeEach
    void openPersistenceBehindAFaultyEndpoint() throws IOException {
        endpoint = new FaultyEndpoint(moto.endpoint());
        table = moto.newTable().withEndpointUrl(endpoint.endpoint()).withMaxRetries(MAX_RETRIES);
        persistence = new DynamoDbEventPersistence(table);
        persistence.append(STREAM, ExpectedVersion.noStream(), List.of(NewEvent.of("PLACED", Map.of())));
    }

    @AfterEach
    void closeAll() {
        persistence.close();
        endpoint.close();
        moto.deleteTable(table.tableName());
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsUnavailableAndRetryable() {
        // given
        endpoint.mode(Mode.THROTTLE);

        // when / then
        assertUnavailable(() -> persistence.append(STREAM, ExpectedVersion.exactly(1),
                List.of(NewEvent.of("PAID", Map.of()))), "append to orders/1");
        assertThat(endpoint.failedRequests()).as("the request and its retries").isEqualTo(MAX_RETRIES + 1);
        assertUnavailable(() -> persistence.read(STREAM, 1, Long.MAX_VALUE), "read orders/1");
        assertUnavailable(() -> persistence.aggregations(0, 10), "list aggregations");
        assertUnavailable(() -> persistence.streams("orders", 0, 10), "list streams of orders");
    }

    @Test
    void serverErrorsAreUnavailableAndNothingIsWritten() {
        // given
        endpoint.mode(Mode.SERVER_ERROR);

        // when / then
        assertUnavailable(() -> persistence.append(STREAM, ExpectedVersion.any(),
                List.of(NewEvent.of("PAID", Map.of()))), "append to orders/1");
        endpoint.mode(Mode.PASS_THROUGH);
        assertThat(persistence.read(STREAM, 1, Long.MAX_VALUE)).hasSize(1);
    }

    @Test
    void theStoreWorksAgainOnceTheFaultPasses() {
        // given
        endpoint.mode(Mode.THROTTLE);
        assertUnavailable(() -> persistence.read(STREAM, 1, 10), "read orders/1");

        // when
        endpoint.mode(Mode.PASS_THROUGH);

        // then
        assertThat(persistence.append(STREAM, ExpectedVersion.exactly(1), List.of(NewEvent.of("PAID", Map.of())))
                .version()).isEqualTo(2);
    }

    @Test
    void aTableDroppedUnderTheStoreIsRejectedAsNotRetryable() {
        // given
        moto.deleteTable(table.tableName());

        // when / then
        assertThatThrownBy(() -> persistence.read(STREAM, 1, 10))
                .isInstanceOfSatisfying(DynamoDbRejectedException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).startsWith("DynamoDB rejected the request to read orders/1: "
                            + "ResourceNotFoundException");
                    assertNoAwsTypeAmongCauses(e);
                });
    }

    @Test
    void nothingListeningAtTheEndpointIsUnavailableAtStartUp() throws IOException {
        // given: a loopback port that was free a moment ago and has no listener
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        DynamoDbConfig unreachable = table.withEndpointUrl(closed).withMaxRetries(1)
                .withConnectTimeout(Duration.ofMillis(500));

        // when / then
        assertThatThrownBy(() -> new DynamoDbEventPersistence(unreachable))
                .isInstanceOfSatisfying(EventStoreUnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).startsWith("DynamoDB is unavailable to prepare table "
                            + table.tableName());
                });
    }

    private static void assertUnavailable(ThrowingCallable call, String action) {
        assertThatThrownBy(call)
                .isInstanceOf(EventStoreUnavailableException.class)
                .hasMessageStartingWith("DynamoDB is unavailable to " + action)
                .satisfies(e -> {
                    assertThat(((EventStoreException) e).isRetryable()).isTrue();
                    assertThat(e.getClass().getPackageName()).isEqualTo("dev.eventstream.api");
                    assertNoAwsTypeAmongCauses(e);
                });
    }

    private static void assertNoAwsTypeAmongCauses(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            assertThat(cause.getClass().getName()).doesNotStartWith("software.amazon.");
        }
    }
}
