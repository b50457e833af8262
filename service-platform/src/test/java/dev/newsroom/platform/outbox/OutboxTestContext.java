package dev.newsroom.platform.outbox;

import dev.newsroom.infra.junit.SharedInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * One Spring context for the outbox tests, on the shared broker and store. Every test works in its
 * own collection (all listed here, since the relay serves the configured ones) and its own topic.
 * The sweep interval is an hour, so whatever arrives was sent because of a wake-up or a start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SharedInfrastructure
@SpringBootTest(
        classes = OutboxTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.application.name=outbox-test",
            "newsroom.outbox.collections=" + OutboxTestContext.COLLECTIONS,
            "newsroom.outbox.interval=1h",
            "management.opentelemetry.tracing.export.schedule-delay=50ms",
        })
@interface OutboxTestContext {

    String COLLECTIONS =
            "stories-published,stories-ordered,stories-paused,stories-replayed,stories-woken,stories-inserted,stories-traced";
}
