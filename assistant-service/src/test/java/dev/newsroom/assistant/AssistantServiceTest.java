package dev.newsroom.assistant;

import dev.newsroom.infra.junit.SharedInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The whole service on the shared embedded broker and store, answering extractively (no LLM). Every
 * test class of that kind uses exactly this, so they share one application context. Dead letters
 * are retried with short back-off so tests stay quick; tests ask from their own client addresses
 * ({@link Ask}), so the rate limit only bites where a test means it to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SharedInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.stream.bindings.articleEvents-in-0.consumer.back-off-initial-interval=50",
            "spring.cloud.stream.bindings.articleEvents-in-0.consumer.back-off-max-interval=100",
            "newsroom.assistant.rate-limit.burst=10",
            "newsroom.assistant.rate-limit.per-minute=6"
        })
@AutoConfigureWebTestClient(timeout = "30s")
public @interface AssistantServiceTest {}
