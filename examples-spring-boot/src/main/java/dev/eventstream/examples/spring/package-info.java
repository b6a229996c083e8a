/**
 * A Spring Boot application on the event store, as an application outside this project writes it: the BOM and the
 * starter are its only eventstream dependencies.
 */
package dev.eventstream.examples.spring;
