package dev.eventstream.examples.bank;

import dev.eventstream.api.Aggregate;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.Folded;
import java.math.BigDecimal;

/**
 * Handles the account commands: each loads the account, lets it decide, and appends what it decided at the version
 * it saw, with the request's metadata (its correlation id, typically), deciding again when another writer got there
 * first. A refused command ({@link InsufficientFundsException}, {@link IllegalStateException}) appends nothing.
 *
 * <p>The store must be built with {@link BankEventTypes#create()}, which names the events appended. Thread-safe.
 */
public final class AccountCommands {
    /** The aggregation the accounts' streams belong to, one stream per account id. */
    public static final String AGGREGATION = "accounts";

    private final Aggregate<Account, AccountEvent> accounts;

    public AccountCommands(EventStore store) {
        this.accounts = Aggregate.of(store, AGGREGATION, Account.FOLD);
    }

    public Folded<Account> open(String accountId, String owner, String currency, EventMetadata request) {
        return accounts.handle(accountId, request, account -> account.open(owner, currency));
    }

    public Folded<Account> deposit(String accountId, BigDecimal amount, EventMetadata request) {
        return accounts.handle(accountId, request, account -> account.deposit(amount));
    }

    /** @throws InsufficientFundsException when the account holds less than {@code amount} */
    public Folded<Account> withdraw(String accountId, BigDecimal amount, EventMetadata request) {
        return accounts.handle(accountId, request, account -> account.withdraw(amount));
    }

    /** The account's state now, and the version it reflects. */
    public Folded<Account> load(String accountId) {
        return accounts.load(accountId);
    }
}
