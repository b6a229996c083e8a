package dev.eventstream.testkit.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.testkit.Concurrently;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The server of {@link MotoServer#oneRequestAtATime()}, spoken to in plain HTTP (the testkit has no AWS SDK): it
 * holds what the tests of writers in several processes rely on.
 */
class MotoServerIT {
    private static final int RACERS = 8;
    private static final int RACES = 40;

    private final MotoServer moto = MotoServer.oneRequestAtATime();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void ofConditionalPutsRacingForOneItemExactlyOneWins() {
        // given
        String table = "race-" + UUID.randomUUID();
        assertThat(dynamoDb("CreateTable", """
                {"TableName":"%s","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]}""".formatted(table))
                .statusCode()).isEqualTo(200);
        CyclicBarrier nextRace = new CyclicBarrier(RACERS);

        // when: in each race every racer puts the same key at the same moment, on the condition that it is free
        List<int[]> winsPerRacer = Concurrently.runConcurrently(RACERS, racer -> {
            int[] wins = new int[RACES];
            for (int race = 0; race < RACES; race++) {
                nextRace.await();
                HttpResponse<String> put = dynamoDb("PutItem", """
                        {"TableName":"%s","Item":{"pk":{"S":"race-%d"},"racer":{"N":"%d"}},
                         "ConditionExpression":"attribute_not_exists(pk)"}""".formatted(table, race, racer));
                assertThat(put.statusCode() == 200 || put.body().contains("ConditionalCheckFailed"))
                        .as("answer to a racing put: %s", put.body()).isTrue();
                wins[race] = put.statusCode() == 200 ? 1 : 0;
            }
            return wins;
        });

        // then
        List<Integer> winnersPerRace = IntStream.range(0, RACES)
                .mapToObj(race -> winsPerRacer.stream().mapToInt(wins -> wins[race]).sum())
                .toList();
        assertThat(winnersPerRace).containsOnly(1);
    }

    @Test
    void servicesOtherThanDynamoDbAreRefusedAtOnceNamingTheService() {
        // when
        HttpResponse<String> answer = send(HttpRequest.newBuilder(moto.endpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS.ListQueues")
                .header("Authorization", authorization("sqs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        // then
        assertThat(answer.statusCode()).isEqualTo(501);
        assertThat(answer.body()).contains("DynamoDB only", "sqs");
    }

    @Test
    void resetDropsItsTables() {
        // given
        dynamoDb("CreateTable", """
                {"TableName":"reset-me","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]}""");

        // when
        moto.reset();

        // then
        assertThat(dynamoDb("ListTables", "{}").body()).doesNotContain("reset-me");
    }

    private HttpResponse<String> dynamoDb(String action, String json) {
        return send(HttpRequest.newBuilder(moto.endpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + action)
                .header("Authorization", authorization("dynamodb"))
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** moto reads the service from the credential scope and checks no signature. */
    private static String authorization(String service) {
        return "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=0";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request to " + moto.endpoint() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
