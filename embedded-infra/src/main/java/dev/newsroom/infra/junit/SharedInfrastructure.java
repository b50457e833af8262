package dev.newsroom.infra.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class the Kafka broker and the MongoDB store shared by the whole test JVM, started on
 * first use on free ports and wired into Spring through system properties ({@code
 * spring.mongodb.uri}, the Kafka binder's brokers and {@code spring.kafka.bootstrap-servers}).
 *
 * <p>By default these are the embedded broker and store. With {@code -Dnewsroom.infra=containers}
 * they are real {@code mongo} and {@code apache/kafka} containers; without a Docker engine such a
 * run skips the tests instead of failing them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SharedInfrastructureExtension.class)
public @interface SharedInfrastructure {}
