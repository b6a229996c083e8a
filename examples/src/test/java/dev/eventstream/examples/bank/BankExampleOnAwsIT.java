package dev.eventstream.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.examples.StoreSetup;
import dev.eventstream.testkit.moto.MotoServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bank example over DynamoDB (moto): typed events with their revision and metadata stored in the table, the
 * old deposit upcast on the way out, and the read model fed by the feed indexed from the table's stream.
 */
class BankExampleOnAwsIT {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void bankExampleRunsOnDynamoDb() throws InterruptedException {
        // given: the environment a user sets for an emulator, pointing at moto
        MotoServer moto = MotoServer.shared();
        StoreSetup setup = StoreSetup.fromEnvironment(Map.of(
                StoreSetup.TABLE, "bank-" + UUID.randomUUID(),
                StoreSetup.ENDPOINT, moto.endpoint().toString(),
                "AWS_REGION", "us-east-1"));

        // when
        String output = BankExampleTest.run(setup, "account-7");

        // then
        assertThat(setup.description()).startsWith("DynamoDB table bank-").contains("in-memory notifications");
        BankExampleTest.assertPrintsWhatUsersRelyOn(output, "account-7");
    }
}
