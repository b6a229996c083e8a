/**
 * The bank-account example of the typed API: events as records of one sealed type, the account's state folded from
 * them, a command handler deciding on that state, an upcaster for an older event shape, and a read model fed by a
 * catch-up subscription. {@link dev.eventstream.examples.bank.BankExample} runs it.
 */
@NullMarked
package dev.eventstream.examples.bank;

import org.jspecify.annotations.NullMarked;
