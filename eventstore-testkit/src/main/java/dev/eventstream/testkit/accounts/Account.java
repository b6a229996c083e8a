package dev.eventstream.testkit.accounts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.eventstream.api.Fold;
import java.math.BigDecimal;
import java.util.List;

/**
 * The contract's aggregate: a bank account folded from its events, with decisions that refuse what breaks its rules.
 *
 * @param owner null until opened
 * @param balance exact, scale kept as deposited
 * @param movements how many events changed the balance
 */
public record Account(String owner, BigDecimal balance, int movements) {
    public static final Account NONE = new Account(null, BigDecimal.ZERO, 0);
    public static final Fold<Account, AccountEvent> FOLD = Fold.of(AccountEvent.class, NONE, Account::apply);

    public Account apply(AccountEvent event) {
        // Java 17: instanceof patterns; a switch over the sealed type reads the same from Java 21 on.
        if (event instanceof AccountEvent.Opened opened) {
            return new Account(opened.owner(), balance, movements);
        } else if (event instanceof AccountEvent.Deposited deposited) {
            return new Account(owner, balance.add(deposited.amount()), movements + 1);
        } else if (event instanceof AccountEvent.Withdrawn withdrawn) {
            return new Account(owner, balance.subtract(withdrawn.amount()), movements + 1);
        } else if (event instanceof AccountEvent.FeeCharged fee) {
            return new Account(owner, balance.subtract(fee.fee()), movements + 1);
        }
        throw new IllegalArgumentException("unknown account event " + event.getClass().getName());
    }

    @JsonIgnore
    public boolean isOpen() {
        return owner != null;
    }

    /** The events opening the account, or a refusal when it is open already. */
    public List<AccountEvent> open(String newOwner) {
        if (isOpen()) {
            throw new IllegalStateException("account is open already");
        }
        return List.of(new AccountEvent.Opened(newOwner, "EUR"));
    }

    public List<AccountEvent> deposit(BigDecimal amount) {
        requireOpen();
        return List.of(new AccountEvent.Deposited(amount, "EUR"));
    }

    public List<AccountEvent> withdraw(BigDecimal amount) {
        requireOpen();
        if (balance.compareTo(amount) < 0) {
            throw new IllegalStateException("insufficient funds");
        }
        return List.of(new AccountEvent.Withdrawn(amount));
    }

    private void requireOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("account is not open");
        }
    }
}
