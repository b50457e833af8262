package dev.newsroom.comment;

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
 * Tokens} instead of fetching user-service's keys. Every test class uses exactly this, so they all
 * share one application context. Dead letters are retried with short back-off so tests stay quick.
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
            "spring.cloud.stream.bindings.userEvents-in-0.consumer.back-off-initial-interval=50",
            "spring.cloud.stream.bindings.userEvents-in-0.consumer.back-off-max-interval=100",
            // Most tests post as users user-service never announced: their answers show the token's
            // username at once instead of waiting for a profile that will not come. The wait itself
            // is the platform's (AuthorProfilesTest) and article-service's ArticleAuthorsTest covers it.
            "newsroom.authors.writer-lookup.max-wait=0s",
            // Tests post many comments as one user; FloodControlTest checks the limit itself.
            "newsroom.comments.per-minute=1000"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestTokens.Verification.class)
public @interface CommentServiceTest {}
