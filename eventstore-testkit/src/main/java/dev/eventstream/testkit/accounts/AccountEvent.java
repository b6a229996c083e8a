package dev.eventstream.testkit.accounts;

import dev.eventstream.api.EventType;
import java.math.BigDecimal;

/** The events of the contract's bank account: typed records, one sealed type, money as exact decimals. */
public sealed interface AccountEvent {

    @EventType("Opened")
    record Opened(String owner, String currency) implements AccountEvent {}

    /** Revision 2: revision 1 had no currency (every account was in EUR then). */
    @EventType(value = "Deposited", revision = 2)
    record Deposited(BigDecimal amount, String currency) implements AccountEvent {}

    @EventType("Withdrawn")
    record Withdrawn(BigDecimal amount) implements AccountEvent {}

    @EventType("FeeCharged")
    record FeeCharged(BigDecimal fee) implements AccountEvent {}
}
