package dev.eventstream.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventstream.examples.StoreSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BankExampleTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void bankExampleRunsOnTheInMemoryStoreByDefault() throws InterruptedException {
        // given
        StoreSetup setup = StoreSetup.fromEnvironment(Map.of());

        // when
        String output = run(setup, "account-1");

        // then
        assertThat(setup.description()).isEqualTo("in-memory events, in-memory notifications");
        assertPrintsWhatUsersRelyOn(output, "account-1");
    }

    /** What the example prints on every store: the same with the in-memory adapter and on DynamoDB. */
    static void assertPrintsWhatUsersRelyOn(String output, String accountId) {
        assertThat(output)
                .contains("refused: insufficient funds: the balance is 70.00 EUR, the withdrawal 500.00 EUR")
                // the refused withdrawal appended nothing: three events, the balance as before it
                .contains("balance 70.00 EUR at version 3")
                .contains("an older service appended #4 MoneyDeposited revision 1 {\"amount\":20.00}")
                .contains("read: #1 AccountOpened[owner=Ada Lovelace, currency=EUR] revision 1, correlation request-1",
                        "read: #2 MoneyDeposited[amount=100.00, currency=EUR] revision 2, correlation request-2",
                        "read: #3 MoneyWithdrawn[amount=30.00, currency=EUR] revision 1, correlation request-3",
                        "read: #5 MoneyWithdrawn[amount=10.00, currency=EUR] revision 1, correlation request-5")
                // the deposit stored at revision 1 without a currency, read upcast
                .contains("read: #4 MoneyDeposited[amount=20.00, currency=EUR] revision 2, correlation"
                        + " legacy-request-7")
                .contains("folded: Account[owner=Ada Lovelace, currency=EUR, balance=80.00] at version 5")
                .contains("read model: " + accountId + " of Ada Lovelace holds 80.00 EUR at version 5,"
                        + " last correlation id request-5")
                .doesNotContain("read model: not up to version");
    }

    static String run(StoreSetup setup, String accountId) throws InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            BankExample.run(setup, accountId, out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
