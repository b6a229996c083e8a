package dev.eventstream.examples.bank;

import dev.eventstream.api.EventTypes;
import dev.eventstream.examples.bank.AccountEvent.MoneyDeposited;

/** The bank's event registry: give it to the store when building it, and every read returns today's events. */
public final class BankEventTypes {
    private BankEventTypes() {}

    public static EventTypes create() {
        return EventTypes.builder()
                .registerSealed(AccountEvent.class)
                // Deposits stored before revision 2 carry no currency: every account was in euros then. The stored
                // events stay as they are; this reads each in today's shape, so folds and read models never see a
                // deposit without a currency.
                .upcast(MoneyDeposited.class, 1, deposit -> deposit.put("currency", "EUR"))
                .build();
    }
}
