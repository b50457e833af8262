package dev.newsroom.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.handler.predicate.MethodRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document cannot fall behind the gateway: every path the gateway routes to a service,
 * and every {@code /api} path its own controllers answer, must be documented with that method. Add
 * the path to {@code openapi/newsroom.yaml} in the change that adds the route or controller.
 */
@GatewayWithoutServices
class ApiDocsDriftTest {

    private static final DocumentedApi DOCUMENT = DocumentedApi.load(ApiDocsController.DOCUMENT);

    @Autowired
    RouteLocator routes;

    @Autowired
    List<RequestMappingHandlerMapping> handlerMappings;

    @Test
    void everyRoutedPathIsDocumented() {
        List<Route> all = routes.getRoutes().collectList().block(Duration.ofSeconds(30));
        assertThat(all).as("the gateway's routes").isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Route route : all) {
            RoutePredicates predicates = RoutePredicates.of(route);
            if (predicates.paths.isEmpty()) {
                missing.add("route " + route.getId() + " has no Path predicate, so no document can cover it");
            }
            for (String path : predicates.paths) {
                if (predicates.methods.isEmpty()) {
                    if (!DOCUMENT.covers(path, null)) {
                        missing.add("route " + route.getId() + ": " + path + " (any method)");
                    }
                }
                for (HttpMethod method : predicates.methods) {
                    if (!DOCUMENT.covers(path, method)) {
                        missing.add("route " + route.getId() + ": " + method + " " + path);
                    }
                }
            }
        }
        assertThat(missing).withFailMessage(() -> undocumented(missing)).isEmpty();
    }

    @Test
    void everyApiPathOfTheGatewaysOwnControllersIsDocumented() {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (RequestMappingHandlerMapping mapping : handlerMappings) {
            for (var handler : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = handler.getKey();
                for (var pattern : info.getPatternsCondition().getPatterns()) {
                    String path = pattern.getPatternString();
                    if (!path.equals("/api") && !path.startsWith("/api/")) {
                        continue;
                    }
                    checked++;
                    String where = where(handler.getValue());
                    if (info.getMethodsCondition().getMethods().isEmpty() && !DOCUMENT.covers(path, null)) {
                        missing.add(where + ": " + path + " (any method)");
                    }
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        if (!DOCUMENT.covers(path, method.asHttpMethod())) {
                            missing.add(where + ": " + method + " " + path);
                        }
                    }
                }
            }
        }
        assertThat(checked).as("controller paths under /api").isPositive();
        assertThat(missing).withFailMessage(() -> undocumented(missing)).isEmpty();
    }

    private static String where(HandlerMethod handler) {
        return handler.getBeanType().getSimpleName() + "#" + handler.getMethod().getName();
    }

    private static String undocumented(List<String> missing) {
        return "gateway/src/main/resources/" + ApiDocsController.DOCUMENT + " lacks " + missing.size()
                + " path(s) the gateway serves:\n  " + String.join("\n  ", missing);
    }

    /** The Path and Method predicates of a route, however they are combined. */
    private static final class RoutePredicates {
        final List<String> paths = new ArrayList<>();
        final List<HttpMethod> methods = new ArrayList<>();

        static RoutePredicates of(Route route) {
            RoutePredicates predicates = new RoutePredicates();
            route.getPredicate().accept(predicate -> {
                if (predicate.getConfig() instanceof PathRoutePredicateFactory.Config path) {
                    predicates.paths.addAll(path.getPatterns());
                } else if (predicate.getConfig() instanceof MethodRoutePredicateFactory.Config method) {
                    predicates.methods.addAll(List.of(method.getMethods()));
                }
            });
            return predicates;
        }
    }
}
