package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.gateway.compose.PageJson;
import dev.newsroom.gateway.compose.PageJson.Part;
import dev.newsroom.gateway.compose.Target;
import dev.newsroom.platform.web.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
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
 */
@RestController
class PagesController {

    /** Names the parts of a page that could not be fetched. */
    static final String DEGRADED_HEADER = "X-Newsroom-Degraded";

    private static final Logger log = LoggerFactory.getLogger(PagesController.class);
    static final int FIRST_COMMENTS = 20;
    static final String POPULAR = "/api/trending?ranking=popular&window=7d&limit=5";

    private final Downstream downstream;
    private final PageJson pages;
    private final Duration partTimeout;
    private final Mono<Part> popular;
    private final MeterRegistry registry;

    PagesController(
            Downstream downstream,
            PageJson pages,
            MeterRegistry registry,
            @Value("${newsroom.page-part-timeout:2s}") Duration partTimeout,
            @Value("${newsroom.page-popular-max-age:1s}") Duration popularMaxAge) {
        this.downstream = downstream;
        this.pages = pages;
        this.partTimeout = partTimeout;
        this.registry = registry;
        // The popular box is the same for every reader and trending-service changes a ranking at
        // most about once a second: one call serves every page read within that second, kept as the
        // bytes that go into the page. A failed, unreadable or empty answer is not kept.
        this.popular = Mono.defer(() -> downstream.getBytes("trending", POPULAR, null))
                .map(pages::whole)
                .cache(found -> popularMaxAge, failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    @GetMapping("/api/pages/articles/{slug}")
    Mono<ResponseEntity<byte[]>> article(
            @PathVariable String slug,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
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
        return fetch.map(Optional::of)
                .timeout(partTimeout)
                .onErrorResume(failure -> Mono.deferContextual(context -> {
                    RequestIds.logWith(
                            RequestIds.correlationIn(context),
                            () -> log.debug("Page part {} missing: {}", part, failure.toString()));
                    return Mono.just(Optional.empty());
                }))
                .defaultIfEmpty(Optional.empty());
    }

    /**
     * Bytes carry no media type of their own: the page says it is {@code application/json}, which
     * is also what has the platform's conditional GET tag and revalidate it like any JSON read.
     */
    private ResponseEntity<byte[]> page(Part article, Optional<Part> comments, Optional<Part> popular) {
        List<String> missing = new ArrayList<>();
        comments.ifPresentOrElse(part -> {}, () -> missing.add("comments"));
        popular.ifPresentOrElse(part -> {}, () -> missing.add("popular"));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (!missing.isEmpty()) {
            response.header(DEGRADED_HEADER, String.join(",", missing));
            missing.forEach(part ->
                    registry.counter("newsroom.gateway.degraded", "part", part).increment());
        }
        return response.body(pages.page(article, comments.orElse(null), popular.orElse(null), missing));
    }
}
