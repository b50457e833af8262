package dev.newsroom.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RealWorld error shape for every failure of every service, including what is refused before a
 * handler runs (see docs/input-handling.md).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class WebAutoConfiguration {

    /** Before Boot's DefaultErrorWebExceptionHandler (order -1), so its body never reaches a client. */
    @Bean
    @Order(-2)
    ApiErrorHandler apiErrorHandler(JsonMapper json) {
        return new ApiErrorHandler(json);
    }

    /** The firewall's refusals (encoded slashes, {@code ..}, odd methods) in the RealWorld shape. */
    @Bean
    RejectedRequests rejectedRequests(ApiErrorHandler errors) {
        return new RejectedRequests(errors);
    }

    /** Requests refused before Spring sees them (not a URI, too long) get a RealWorld body too. */
    @Bean
    NettyRefusals nettyRefusals() {
        return new NettyRefusals();
    }

    /** Repeated query parameters and percent-encoded bytes that are not UTF-8 are refused. */
    @Bean
    QueryRules queryRules() {
        return new QueryRules();
    }

    /**
     * Every request gets an id, passed on and logged; see {@link RequestIds}. Unless a service says
     * otherwise, the id reaches the logging MDC of every step by Reactor's automatic propagation.
     */
    @Bean
    RequestIds requestIds(Environment environment) {
        if (environment.getProperty("newsroom.logging.automatic-request-id", Boolean.class, true)) {
            RequestIdLogging.install();
        }
        return new RequestIds();
    }

    /**
     * ETags, 304s and Cache-Control on reads; {@code newsroom.http-cache.max-age} is how long a
     * shared cache may keep an anonymous answer (default 5 s).
     */
    @Bean
    ConditionalGet conditionalGet(Environment environment) {
        return new ConditionalGet(environment.getProperty(
                "newsroom.http-cache.max-age", java.time.Duration.class, java.time.Duration.ofSeconds(5)));
    }

    /** A connection is not kept alive after an answer given without reading the request's body. */
    @Bean
    UnreadBodyClose unreadBodyClose() {
        return new UnreadBodyClose();
    }
}
