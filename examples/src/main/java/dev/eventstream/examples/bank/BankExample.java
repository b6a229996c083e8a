package dev.eventstream.examples.bank;

import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Folded;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.examples.StoreSetup;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bank-account example of the typed API: commands decided on an account's folded state, a refused overdraft, a
 * deposit stored in an older shape and read in today's, and a read model fed by the feed.
 *
 * <p>Runs on the in-memory store by default, and on DynamoDB / SNS / SQS when {@link StoreSetup} finds their
 * settings in the environment:
 * {@code mvn -pl examples exec:java -Dexec.mainClass=dev.eventstream.examples.bank.BankExample}.
 */
public final class BankExample {
    private static final Duration READ_MODEL_WAIT = Duration.ofSeconds(30);

    private BankExample() {}

    public static void main(String[] args) throws InterruptedException {
        StoreSetup setup = StoreSetup.fromEnvironment(System.getenv());
        System.out.println("Event store: " + setup.description());
        run(setup, "account-" + System.currentTimeMillis(), System.out);
    }

    /** Opens account {@code accountId} on a store of {@code setup}, moves money and prints what happens. */
    static void run(StoreSetup setup, String accountId, PrintStream out) throws InterruptedException {
        // region bank-readme
        EventTypes types = BankEventTypes.create();
        try (DefaultEventStore store = setup.storeBuilder().eventTypes(types).build()) {
            AccountCommands accounts = new AccountCommands(store);
            accounts.open(accountId, "Ada Lovelace", "EUR", EventMetadata.correlatedWith("request-1"));
            accounts.deposit(accountId, new BigDecimal("100.00"), EventMetadata.correlatedWith("request-2"));
            accounts.withdraw(accountId, new BigDecimal("30.00"), EventMetadata.correlatedWith("request-3"));
            try {
                // A decision that breaks a rule throws, and nothing is appended.
                accounts.withdraw(accountId, new BigDecimal("500.00"), EventMetadata.correlatedWith("request-4"));
            } catch (InsufficientFundsException refused) {
                out.println("refused: " + refused.getMessage());
            }
            // The state folded from the stream's events (from a snapshot, once there is one), and its version.
            Folded<Account> account = store.getEventStream(AccountCommands.AGGREGATION, accountId)
                    .load(Account.FOLD);
            out.println("balance " + account.state().balance() + " " + account.state().currency()
                    + " at version " + account.version());
            // endregion bank-readme
            appendAsAnOlderServiceDid(store, accountId, out);
            accounts.withdraw(accountId, new BigDecimal("10.00"), EventMetadata.correlatedWith("request-5"));
            printStream(store, accountId, out);
            Folded<Account> latest = accounts.load(accountId);
            out.println("folded: " + latest.state() + " at version " + latest.version());
            printReadModel(store, accountId, latest.version(), out);
        }
    }

    /**
     * A deposit as a service still on revision 1 of {@code MoneyDeposited} appends it: an untyped event without a
     * currency. The store keeps it so; readers get it upcast.
     */
    private static void appendAsAnOlderServiceDid(DefaultEventStore store, String accountId, PrintStream out) {
        EventStream stream = store.getEventStream(AccountCommands.AGGREGATION, accountId);
        NewEvent oldDeposit = NewEvent.of(AccountEvent.MoneyDeposited.TYPE, Map.of("amount", new BigDecimal("20.00")))
                .withMetadata(EventMetadata.correlatedWith("legacy-request-7"));
        long sequence = stream.append(ExpectedVersion.any(), List.of(oldDeposit)).version();
        out.printf("an older service appended #%d %s revision %d %s%n", sequence, oldDeposit.eventType(),
                oldDeposit.revision(), oldDeposit.payloadJson());
    }

    private static void printStream(DefaultEventStore store, String accountId, PrintStream out) {
        for (RecordedEvent event : store.getEventStream(AccountCommands.AGGREGATION, accountId).getEvents()) {
            out.printf("read: #%d %s revision %d, correlation %s%n", event.sequence(), event.event(),
                    event.revision(), event.metadata().correlationId());
        }
    }

    private static void printReadModel(DefaultEventStore store, String accountId, long version, PrintStream out)
            throws InterruptedException {
        try (AccountBalances balances = new AccountBalances(store)) {
            Optional<AccountBalances.View> view = balances.awaitVersion(accountId, version, READ_MODEL_WAIT);
            if (view.isEmpty()) {
                out.println("read model: not up to version " + version + " within " + READ_MODEL_WAIT.toSeconds()
                        + " s; parked: " + balances.parked());
                return;
            }
            AccountBalances.View account = view.get();
            out.printf("read model: %s of %s holds %s %s at version %d, last correlation id %s%n", accountId,
                    account.owner(), account.balance().toPlainString(), account.currency(), account.version(),
                    account.lastCorrelationId());
        }
    }
}
