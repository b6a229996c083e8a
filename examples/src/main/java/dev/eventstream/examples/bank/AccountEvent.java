package dev.eventstream.examples.bank;

import dev.eventstream.api.EventType;
import java.math.BigDecimal;

/**
 * What happens to a bank account. Each record's {@link EventType} name is what the store keeps, so the records can
 * be renamed or moved without touching stored events; money is a {@link BigDecimal}, stored exactly, scale and all.
 */
public sealed interface AccountEvent {

    @EventType("AccountOpened")
    record AccountOpened(String owner, String currency) implements AccountEvent {}

    /**
     * Revision 2 added the currency; revision 1 deposits, stored before accounts had a currency of their own, are
     * read through the upcaster in {@link BankEventTypes}.
     */
    @EventType(value = MoneyDeposited.TYPE, revision = 2)
    record MoneyDeposited(BigDecimal amount, String currency) implements AccountEvent {
        /** The stored type name, also what the upcaster of revision 1 is registered for. */
        public static final String TYPE = "MoneyDeposited";
    }

    @EventType("MoneyWithdrawn")
    record MoneyWithdrawn(BigDecimal amount, String currency) implements AccountEvent {}
}
