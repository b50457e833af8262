package dev.newsroom.article;

import dev.newsroom.infra.junit.SharedInfrastructure;
import dev.newsroom.platform.security.TestTokens;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * The whole service on the shared embedded broker and store, verifying tokens signed by {@link
 * TestTokens} instead of fetching user-service's keys. Every test class that starts the application
 * uses exactly this, so they share one context. Dead letters are retried with short back-off so tests
 * stay quick.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SharedInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.stream.bindings.userEvents-in-0.consumer.back-off-initial-interval=50",
            "spring.cloud.stream.bindings.userEvents-in-0.consumer.back-off-max-interval=100"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestTokens.Verification.class)
public @interface ArticleServiceTest {}
