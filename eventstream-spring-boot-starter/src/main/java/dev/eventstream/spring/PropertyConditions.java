package dev.eventstream.spring;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Conditions on whether a property is set, read as {@link EventStreamProperties} binds it (relaxed names, so
 * {@code EVENTSTREAM_DYNAMODB_TABLENAME} counts) and with a blank value counting as unset, as the properties do.
 * {@code @ConditionalOnProperty} cannot say "unset", and would take a table named {@code false} for unset.
 */
final class PropertyConditions {
    static final String TABLE_NAME = "eventstream.dynamodb.table-name";
    static final String SNS_TOPIC_ARN = "eventstream.sns.topic-arn";
    static final String SQS_TOPIC_ARN = "eventstream.sqs.topic-arn";

    private PropertyConditions() {}

    /** Matches when any of {@code properties} is set ({@code whenSet}), or when none is (not {@code whenSet}). */
    abstract static class AnySet extends SpringBootCondition {
        private final List<String> properties;
        private final boolean whenSet;

        AnySet(boolean whenSet, String... properties) {
            this.properties = List.of(properties);
            this.whenSet = whenSet;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            Optional<String> set = properties.stream()
                    .filter(name -> binder.bind(name, String.class)
                            .map(EventStreamProperties::unlessBlank)
                            .isBound())
                    .findFirst();
            String found = set.map(name -> name + " is set").orElse(String.join(" and ", properties) + " unset");
            return set.isPresent() == whenSet ? ConditionOutcome.match(found) : ConditionOutcome.noMatch(found);
        }
    }

    /** {@value #TABLE_NAME} is set: the events go to DynamoDB. */
    static final class DynamoDbTable extends AnySet {
        DynamoDbTable() {
            super(true, TABLE_NAME);
        }
    }

    /** {@value #TABLE_NAME} is unset: the events stay in memory. */
    static final class NoDynamoDbTable extends AnySet {
        NoDynamoDbTable() {
            super(false, TABLE_NAME);
        }
    }

    /** {@value #SNS_TOPIC_ARN} is set: notifications go out through SNS. */
    static final class SnsTopic extends AnySet {
        SnsTopic() {
            super(true, SNS_TOPIC_ARN);
        }
    }

    /** {@value #SQS_TOPIC_ARN} or {@value #SNS_TOPIC_ARN} is set: subscriptions come through SQS. */
    static final class SqsTopic extends AnySet {
        SqsTopic() {
            super(true, SQS_TOPIC_ARN, SNS_TOPIC_ARN);
        }
    }

    /** Neither topic is set: in memory, the in-memory bus publishes and subscribes. */
    static final class NoTopic extends AnySet {
        NoTopic() {
            super(false, SQS_TOPIC_ARN, SNS_TOPIC_ARN);
        }
    }
}
