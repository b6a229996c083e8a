package dev.eventstream.examples.bank;

import dev.eventstream.api.Fold;
import dev.eventstream.examples.bank.AccountEvent.AccountOpened;
import dev.eventstream.examples.bank.AccountEvent.MoneyDeposited;
import dev.eventstream.examples.bank.AccountEvent.MoneyWithdrawn;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bank account as its events made it, and the decisions it takes on commands: each returns the events the command
 * makes, or throws to refuse it. Both {@link #apply} and the decisions only read this state, so the store may fold
 * and decide again after losing a race.
 *
 * @param owner null until the account is opened
 * @param currency null until the account is opened
 * @param balance what the account holds, exact
 */
public record Account(@Nullable String owner, @Nullable String currency, BigDecimal balance) {
    /** An account nobody has opened yet: the state of a stream with no events. */
    public static final Account UNOPENED = new Account(null, null, BigDecimal.ZERO);

    /**
     * The account's state over its stream. Snapshots are kept as the store's snapshot policy says (every 100 events
     * by default); bump the version (1) whenever this record or {@link #apply} changes, so older snapshots are
     * passed over.
     */
    public static final Fold<Account, AccountEvent> FOLD =
            Fold.of(AccountEvent.class, UNOPENED, Account::apply).withSnapshots(Account.class, 1);

    /** The state after {@code event}. Java 17 has no pattern {@code switch}; from Java 21 one reads the same. */
    public Account apply(AccountEvent event) {
        if (event instanceof AccountOpened opened) {
            return new Account(opened.owner(), opened.currency(), BigDecimal.ZERO);
        } else if (event instanceof MoneyDeposited deposited) {
            return new Account(owner, currency, balance.add(deposited.amount()));
        } else if (event instanceof MoneyWithdrawn withdrawn) {
            return new Account(owner, currency, balance.subtract(withdrawn.amount()));
        }
        throw new IllegalArgumentException("unknown account event " + event.getClass().getName());
    }

    public List<AccountEvent> open(String newOwner, String newCurrency) {
        if (owner != null) {
            throw new IllegalStateException("the account is open already, owned by " + owner);
        }
        return List.of(new AccountOpened(newOwner, newCurrency));
    }

    public List<AccountEvent> deposit(BigDecimal amount) {
        String accountCurrency = requireOpen();
        requirePositive(amount);
        return List.of(new MoneyDeposited(amount, accountCurrency));
    }

    /** @throws InsufficientFundsException when the withdrawal would take the balance below zero */
    public List<AccountEvent> withdraw(BigDecimal amount) {
        String accountCurrency = requireOpen();
        requirePositive(amount);
        if (balance.compareTo(amount) < 0) {
            throw new InsufficientFundsException(balance, amount, accountCurrency);
        }
        return List.of(new MoneyWithdrawn(amount, accountCurrency));
    }

    /** The account's currency, or a refusal when it is not open. */
    private String requireOpen() {
        if (currency == null) {
            throw new IllegalStateException("the account is not open");
        }
        return currency;
    }

    private static void requirePositive(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("the amount must be positive, was " + amount.toPlainString());
        }
    }
}
