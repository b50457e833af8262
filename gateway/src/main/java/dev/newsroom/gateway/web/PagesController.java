package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Authors;
import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.RequestIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/pages/articles/{slug}}: what the web front end's article page shows, in one
 * response: the article (required: its 404 is the page's), the first page of its comments and the
 * popular-posts box, fetched in parallel. A part that fails or takes longer than {@code
 * newsroom.page-part-timeout} is {@code null}, named in {@code missing} and in {@value
 * Authors#DEGRADED_HEADER}; the page still comes back.
 */
@RestController
class PagesController {

    private static final Logger log = LoggerFactory.getLogger(PagesController.class);
    static final int FIRST_COMMENTS = 20;
    static final String POPULAR = "/api/trending?ranking=popular&window=7d&limit=5";

    private final Downstream downstream;
    private final Authors authors;
    private final JsonMapper json;
    private final Duration partTimeout;

    PagesController(
            Downstream downstream,
            Authors authors,
            JsonMapper json,
            @Value("${newsroom.page-part-timeout:2s}") Duration partTimeout) {
        this.downstream = downstream;
        this.authors = authors;
        this.json = json;
        this.partTimeout = partTimeout;
    }

    @GetMapping("/api/pages/articles/{slug}")
    Mono<ResponseEntity<JsonNode>> article(
            @PathVariable String slug,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @AuthenticationPrincipal Jwt token) {
        String viewerId = token == null ? null : CurrentUser.of(token).id();
        String path = ComposedArticlesController.articlePath(slug).toString();
        Mono<Authors.Composed> article = downstream
                .get("article", path, authorization)
                .flatMap(found -> authors.compose(found, "article", viewerId));
        Mono<Optional<Authors.Composed>> comments = optional(
                "comments",
                downstream
                        .get("comment", path + "/comments?limit=" + FIRST_COMMENTS, authorization)
                        .flatMap(found -> authors.compose(found, "comments", viewerId)));
        Mono<Optional<Authors.Composed>> popular = optional(
                "popular", downstream.get("trending", POPULAR, null).map(found -> new Authors.Composed(found, true)));
        return Mono.zip(article, comments, popular).map(parts -> page(parts.getT1(), parts.getT2(), parts.getT3()));
    }

    private Mono<Optional<Authors.Composed>> optional(String part, Mono<Authors.Composed> fetch) {
        return fetch.map(Optional::of)
                .timeout(partTimeout)
                .onErrorResume(failure -> Mono.deferContextual(context -> {
                    RequestIds.logWith(
                            RequestIds.from(context),
                            () -> log.debug("Page part {} missing: {}", part, failure.toString()));
                    return Mono.just(Optional.empty());
                }))
                .defaultIfEmpty(Optional.empty());
    }

    private ResponseEntity<JsonNode> page(
            Authors.Composed article, Optional<Authors.Composed> comments, Optional<Authors.Composed> popular) {
        ObjectNode page = json.createObjectNode();
        page.set("article", article.body().path("article"));
        page.set("comments", comments.map(Authors.Composed::body).orElse(null));
        page.set("popular", popular.map(Authors.Composed::body).orElse(null));
        List<String> missing = new ArrayList<>();
        comments.ifPresentOrElse(part -> {}, () -> missing.add("comments"));
        popular.ifPresentOrElse(part -> {}, () -> missing.add("popular"));
        page.set("missing", json.valueToTree(missing));
        List<String> degraded = new ArrayList<>(missing);
        boolean profilesComplete =
                article.complete() && comments.map(Authors.Composed::complete).orElse(true);
        if (!profilesComplete) {
            degraded.add("profiles");
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!degraded.isEmpty()) {
            response.header(Authors.DEGRADED_HEADER, String.join(",", degraded));
        }
        return response.body(page);
    }
}
