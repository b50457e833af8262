package dev.newsroom.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** The RealWorld error shape for every failure of every service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class WebAutoConfiguration {

    /** Before Boot's DefaultErrorWebExceptionHandler (order -1), so its body never reaches a client. */
    @Bean
    @Order(-2)
    ApiErrorHandler apiErrorHandler(JsonMapper json) {
        return new ApiErrorHandler(json);
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

    /** A connection is not kept alive after an answer given without reading the request's body. */
    @Bean
    UnreadBodyClose unreadBodyClose() {
        return new UnreadBodyClose();
    }
}
