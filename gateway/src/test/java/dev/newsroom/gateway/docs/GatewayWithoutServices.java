package dev.newsroom.gateway.docs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The whole gateway with no service behind it (port 9, where nothing listens): the documentation
 * tests only read the gateway's own answers and route table. One annotation, so that every class
 * using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "USER_SERVICE_URL=http://127.0.0.1:9",
            "ARTICLE_SERVICE_URL=http://127.0.0.1:9",
            "COMMENT_SERVICE_URL=http://127.0.0.1:9",
            "TRENDING_SERVICE_URL=http://127.0.0.1:9"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@interface GatewayWithoutServices {}
