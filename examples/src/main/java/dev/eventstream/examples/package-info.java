/** Runnable examples: the quick start of the README. */
@NullMarked
package dev.eventstream.examples;

import org.jspecify.annotations.NullMarked;
