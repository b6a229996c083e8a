package dev.eventstream.testkit.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventstream.api.EventShape;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.NewEvent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The account's event types with a history of changes, as the contract's upcasting tests need them: revision 1 of
 * {@code Deposited} had no currency, fees were once stored as {@code Charged}, and a {@code Transferred} event
 * (revision 1) is now read as a withdrawal and a fee.
 */
public final class AccountTypes {
    private AccountTypes() {}

    public static EventTypes.Builder builder() {
        return EventTypes.builder()
                .registerSealed(AccountEvent.class)
                .upcast(AccountEvent.Deposited.class, 1, payload -> payload.put("currency", "EUR"))
                .rename("Charged", "FeeCharged")
                .upcaster("Transferred", 1, transferred -> List.of(
                        new EventShape("Withdrawn", 1, ((ObjectNode) transferred.payload().deepCopy()).without("fee")),
                        new EventShape("FeeCharged", 1, ((ObjectNode) transferred.payload().deepCopy())
                                .retain("fee"))));
    }

    public static EventTypes registry() {
        return builder().build();
    }

    /** A deposit as revision 1 stored it: no currency. */
    public static NewEvent oldDeposit(String amount) {
        return NewEvent.of("Deposited", Map.of("amount", new BigDecimal(amount)));
    }

    /** A fee under the name it was once stored as. */
    public static NewEvent oldFee(String fee) {
        return NewEvent.of("Charged", Map.of("fee", new BigDecimal(fee)));
    }

    /** A transfer out, an event type that no longer exists: read as a withdrawal and a fee. */
    public static NewEvent oldTransfer(String amount, String fee) {
        return NewEvent.of("Transferred", Map.of("amount", new BigDecimal(amount), "fee", new BigDecimal(fee)));
    }
}
