/** A moto server started by the test run, for the AWS adapters' tests against a real engine. */
@NullMarked
package dev.eventstream.testkit.moto;

import org.jspecify.annotations.NullMarked;
