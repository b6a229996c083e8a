/**
 * Spring Boot auto-configuration of the event store: {@link dev.eventstream.spring.EventStreamAutoConfiguration}
 * builds a {@link dev.eventstream.core.DefaultEventStore} over the adapters its
 * {@link dev.eventstream.spring.EventStreamProperties} select, and
 * {@link dev.eventstream.spring.EventStoreHealthAutoConfiguration} adds a health indicator when Spring Boot's health
 * module is present. docs/spring-boot.md lists the properties and the beans.
 */
@NullMarked
package dev.eventstream.spring;

import org.jspecify.annotations.NullMarked;
