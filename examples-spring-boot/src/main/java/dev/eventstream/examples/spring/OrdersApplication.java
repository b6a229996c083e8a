package dev.eventstream.examples.spring;

import dev.eventstream.api.EventTypes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An order service on the event store. With no {@code eventstream.*} property the events stay in memory; with
 * {@code eventstream.dynamodb.table-name} (and {@code eventstream.sns.topic-arn} for notifications) they go to AWS.
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    /** The order events, by their stored names: the starter gives this registry to the store it builds. */
    @Bean
    EventTypes orderEventTypes() {
        return EventTypes.builder().registerSealed(OrderEvent.class).build();
    }
}
