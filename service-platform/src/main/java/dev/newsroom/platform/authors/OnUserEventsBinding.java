package dev.newsroom.platform.authors;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the service binds {@code userEvents-in-0} to a topic: declaring the binding is how a
 * service asks for authors' profiles. Looked up by its exact key, as the binder's own settings are
 * written (the binding name is not a canonical property name).
 */
class OnUserEventsBinding extends SpringBootCondition {

    static final String DESTINATION =
            "spring.cloud.stream.bindings." + AuthorsAutoConfiguration.BINDING + "-in-0.destination";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String destination = context.getEnvironment().getProperty(DESTINATION);
        if (destination == null || destination.isBlank()) {
            return ConditionOutcome.noMatch(DESTINATION + " is not set");
        }
        return ConditionOutcome.match(DESTINATION + " is " + destination);
    }
}
