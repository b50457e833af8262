package dev.newsroom.trending;

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
 * TestTokens}. Every integration test class uses exactly this, so they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SharedInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"newsroom.trending.retry-back-off=200ms"})
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestTokens.Verification.class)
public @interface TrendingServiceTest {}
