package dev.newsroom.platform.outbox;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code newsroom.outbox.collections} names a collection and {@code
 * newsroom.outbox.enabled} is not false. Bound rather than looked up by key so that both a YAML list
 * and a comma-separated value count.
 */
class OnOutboxCollections extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        List<String> collections = binder.bind("newsroom.outbox.collections", Bindable.listOf(String.class))
                .orElse(List.of());
        boolean enabled = binder.bind("newsroom.outbox.enabled", Boolean.class).orElse(true);
        if (!enabled) {
            return ConditionOutcome.noMatch("newsroom.outbox.enabled is false");
        }
        if (collections.isEmpty()) {
            return ConditionOutcome.noMatch("newsroom.outbox.collections names no collection");
        }
        return ConditionOutcome.match("outbox collections " + collections);
    }
}
