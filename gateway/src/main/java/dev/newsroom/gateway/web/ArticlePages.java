package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.gateway.compose.PageJson;
import dev.newsroom.gateway.compose.PageJson.Part;
import dev.newsroom.gateway.compose.Target;
import dev.newsroom.gateway.relay.Timeouts;
import dev.newsroom.platform.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/pages/articles/{slug}}: what the web front end's article page shows, in one
 * response: the article (required: its 404 is the page's), the first page of its comments and the
 * popular-posts box, fetched in parallel. The services answer with the authors' profiles already
 * in place, so the parts are put side by side as they came. A part that fails or takes longer than
 * {@code newsroom.page-part-timeout} is {@code null}, named in {@code missing} and in {@value
 * #DEGRADED_HEADER}; the page still comes back.
 *
 * <p>The parts are fetched as bytes and spliced into the page ({@link PageJson}), not parsed and
 * written again: the page is only put together here, and the parsing was most of its gateway CPU.
 *
 * <p>A web filter after every edge rule, like the relayed reads ({@code relay.PassThroughReads}),
 * rather than a controller: the page is the busiest composed read, and the dispatcher's handler
 * lookup, argument resolution and result handling were 7 % of the gateway's CPU per page in a
 * profile of {@code bench/read-path.sh}. A service's error answer to the article's call is the
 * page's answer ({@link ServiceAnswers}); a service that cannot answer it, the RealWorld 503.
 */
@Component
class ArticlePages implements WebFilter, Ordered {

    /** Names the parts of a page that could not be fetched. */
    static final String DEGRADED_HEADER = "X-Newsroom-Degraded";

    private static final Logger log = LoggerFactory.getLogger(ArticlePages.class);
    private static final String PREFIX = "/api/pages/articles/";
    static final int FIRST_COMMENTS = 20;
    static final String POPULAR = "/api/trending?ranking=popular&window=7d&limit=5";

    private final Downstream downstream;
    private final PageJson pages;
    private final Duration partTimeout;
    private final Mono<Part> popular;
    private final MeterRegistry registry;
    private final ServiceAnswers serviceAnswers;

    ArticlePages(
            Downstream downstream,
            PageJson pages,
            MeterRegistry registry,
            ServiceAnswers serviceAnswers,
            @Value("${newsroom.page-part-timeout:2s}") Duration partTimeout,
            @Value("${newsroom.page-popular-max-age:1s}") Duration popularMaxAge) {
        this.downstream = downstream;
        this.pages = pages;
        this.partTimeout = partTimeout;
        this.registry = registry;
        this.serviceAnswers = serviceAnswers;
        // The popular box is the same for every reader and trending-service changes a ranking at
        // most about once a second: one call serves every page read within that second, kept as the
        // bytes that go into the page. A failed, unreadable or empty answer is not kept.
        this.popular = Mono.defer(() -> downstream.getBytes("trending", POPULAR, null))
                .map(pages::whole)
                .cache(found -> popularMaxAge, failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public int getOrder() {
        // Right after the relayed reads (2): every edge rule has run, and the micro-cache does not keep pages.
        return 3;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String slug = HttpMethod.GET.equals(request.getMethod()) ? slugOf(request.getPath()) : null;
        if (slug == null) {
            return chain.filter(exchange);
        }
        return article(slug, request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .flatMap(page -> write(page, exchange.getResponse()))
                .onErrorResume(Downstream.ServiceAnswer.class, answer -> serviceAnswers.relay(answer, exchange));
    }

    /**
     * The slug of a page's path, decoded as a path variable would be, or {@code null} when the path
     * is not exactly {@code /api/pages/articles/{slug}} (a trailing slash or a further segment is
     * another path, left to the handlers, which answer 404).
     */
    static String slugOf(RequestPath path) {
        PathContainer within = path.pathWithinApplication();
        if (!within.value().startsWith(PREFIX)) {
            return null;
        }
        // "/", "api", "/", "pages", "/", "articles", "/", slug
        List<PathContainer.Element> elements = within.elements();
        if (elements.size() != 8 || !(elements.get(7) instanceof PathContainer.PathSegment segment)) {
            return null;
        }
        String slug = segment.valueToMatch();
        return slug.isEmpty() ? null : slug;
    }

    private Mono<Page> article(String slug, String authorization) {
        Target path = Target.article(slug);
        Mono<Part> article =
                downstream.getBytes("article", path.toString(), authorization).map(pages::article);
        Mono<Optional<Part>> comments = optional(
                "comments",
                downstream
                        .getBytes(
                                "comment",
                                path.then("/comments")
                                        .query("limit", FIRST_COMMENTS)
                                        .toString(),
                                authorization)
                        .map(pages::whole));
        return Mono.zip(article, comments, optional("popular", popular))
                .map(parts -> page(parts.getT1(), parts.getT2(), parts.getT3()));
    }

    private Mono<Optional<Part>> optional(String part, Mono<Part> fetch) {
        return Timeouts.within(fetch.map(Optional::of), partTimeout)
                .onErrorResume(failure -> Mono.deferContextual(context -> {
                    RequestIds.logWith(
                            RequestIds.correlationIn(context),
                            () -> log.debug("Page part {} missing: {}", part, failure.toString()));
                    return Mono.just(Optional.empty());
                }))
                .defaultIfEmpty(Optional.empty());
    }

    /** A page and the parts it lacks. */
    private record Page(byte[] body, List<String> missing) {}

    private Page page(Part article, Optional<Part> comments, Optional<Part> popular) {
        List<String> missing = new ArrayList<>();
        comments.ifPresentOrElse(part -> {}, () -> missing.add("comments"));
        popular.ifPresentOrElse(part -> {}, () -> missing.add("popular"));
        missing.forEach(part ->
                registry.counter("newsroom.gateway.degraded", "part", part).increment());
        return new Page(pages.page(article, comments.orElse(null), popular.orElse(null), missing), missing);
    }

    /**
     * Bytes carry no media type of their own: the page says it is {@code application/json}, which
     * is also what has the platform's conditional GET tag and revalidate it like any JSON read.
     */
    private static Mono<Void> write(Page page, ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (!page.missing().isEmpty()) {
            headers.set(DEGRADED_HEADER, String.join(",", page.missing()));
        }
        headers.setContentLength(page.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(page.body())));
    }
}
