/**
 * For tests of AWS adapters against an emulator (moto, LocalStack):
 * {@link dev.eventstream.aws.testing.EmulatorClients}.
 */
@NullMarked
package dev.eventstream.aws.testing;

import org.jspecify.annotations.NullMarked;
