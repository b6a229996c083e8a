/**
 * For tests of AWS adapters against an emulator (moto, LocalStack):
 * {@link dev.eventstream.aws.testing.EmulatorClients}. Holding the adapters to their IAM policies while tests run:
 * {@link dev.eventstream.aws.testing.iam}.
 */
@NullMarked
package dev.eventstream.aws.testing;

import org.jspecify.annotations.NullMarked;
