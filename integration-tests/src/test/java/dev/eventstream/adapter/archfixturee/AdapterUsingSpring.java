package dev.eventstream.adapter.archfixturee;

import org.springframework.stereotype.Component;

/** Breaks a rule on purpose: an adapter class that needs Spring on the classpath. */
@Component
public class AdapterUsingSpring {}
