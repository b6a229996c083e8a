package dev.eventstream.examples.bank;

import java.math.BigDecimal;

/** A withdrawal refused because it would overdraw the account: a rule of the domain, not a failure of the store. */
public final class InsufficientFundsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final BigDecimal balance;
    private final BigDecimal requested;

    public InsufficientFundsException(BigDecimal balance, BigDecimal requested, String currency) {
        super("insufficient funds: the balance is " + balance.toPlainString() + " " + currency + ", the withdrawal "
                + requested.toPlainString() + " " + currency);
        this.balance = balance;
        this.requested = requested;
    }

    public BigDecimal balance() {
        return balance;
    }

    public BigDecimal requested() {
        return requested;
    }
}
