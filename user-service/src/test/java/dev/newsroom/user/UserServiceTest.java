package dev.newsroom.user;

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
 * The whole service on the shared embedded broker and store, signing and verifying its own tokens,
 * with two service clients ({@code gateway} and {@code operator}) that may get service tokens.
 * Every test class that starts the application uses exactly this, so they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SharedInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "newsroom.users.service-clients=" + UserServiceTest.SERVICE_CLIENTS)
@AutoConfigureWebTestClient(timeout = "30s")
public @interface UserServiceTest {

    String GATEWAY_SECRET = "gateway-secret-for-tests";
    String OPERATOR_SECRET = "operator-secret-for-tests";
    String SERVICE_CLIENTS = "gateway:" + GATEWAY_SECRET + ",operator:" + OPERATOR_SECRET;
}
