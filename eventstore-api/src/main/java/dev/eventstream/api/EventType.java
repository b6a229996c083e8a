package dev.eventstream.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event class for {@link EventTypes}: the type name stored with each event of the class, and the revision
 * of its shape. The name is what the store keeps, so a class can be renamed or moved freely while it holds.
 *
 * <pre>{@code
 * @EventType(value = "Deposited", revision = 2)
 * record Deposited(BigDecimal amount, String currency) implements AccountEvent {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
    /** The stored type name, e.g. {@code Deposited}; at most {@link Limits#MAX_EVENT_TYPE_BYTES} UTF-8 bytes. */
    String value();

    /**
     * The revision of the class's shape: 1 for the first, bumped when a change needs an upcaster for older events
     * (a renamed or restructured field); adding an optional field needs no new revision.
     */
    int revision() default 1;
}
