package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Authors;
import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.gateway.compose.Profiles;
import dev.newsroom.gateway.compose.Target;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.Paging;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RealWorld article endpoints as clients see them: article-service answers by author id, and
 * the gateway adds the authors' profiles (one user-service call per response), resolves {@code
 * author} and {@code favorited} usernames to ids, and builds the feed from whom the viewer follows
 * at this moment, so following someone shows in the feed at once.
 */
@RestController
class ComposedArticlesController {

    private final Downstream downstream;
    private final Profiles profiles;
    private final Authors authors;
    private final JsonMapper json;

    ComposedArticlesController(Downstream downstream, Profiles profiles, Authors authors, JsonMapper json) {
        this.downstream = downstream;
        this.profiles = profiles;
        this.authors = authors;
        this.json = json;
    }

    @GetMapping("/api/articles")
    Mono<ResponseEntity<JsonNode>> list(
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String author,
            @RequestParam(required = false) String favorited,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @AuthenticationPrincipal Jwt token) {
        Integer pageSize = Paging.limit(limit);
        Integer skip = Paging.offset(offset);
        return Mono.zip(optionalId(author), optionalId(favorited)).flatMap(ids -> {
            if (present(author) && ids.getT1().isEmpty()
                    || present(favorited) && ids.getT2().isEmpty()) {
                // Nobody has that name, so nobody wrote or favourited anything under it.
                return Mono.just(ResponseEntity.ok(emptyList()));
            }
            String query = Target.of("/api/articles")
                    .query("tag", present(tag) ? tag : null)
                    .query("authorId", ids.getT1().orElse(null))
                    .query("favoritedBy", ids.getT2().orElse(null))
                    .query("limit", pageSize)
                    .query("offset", skip)
                    .toString();
            return downstream
                    .get("article", query, authorization)
                    .flatMap(page -> authors.respond(page, "articles", token, HttpStatus.OK));
        });
    }

    @GetMapping("/api/articles/feed")
    Mono<ResponseEntity<JsonNode>> feed(
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal Jwt token) {
        Integer pageSize = Paging.limit(limit);
        Integer skip = Paging.offset(offset);
        String viewerId = CurrentUser.of(token).id();
        // Asked even when the viewer follows nobody (the page is then empty): article-service owns the
        // paging rules, so ?limit=0 is the same 422 for every viewer.
        return profiles.followedBy(viewerId).flatMap(followed -> {
            Map<String, Object> search = new HashMap<>();
            search.put("authorIds", followed);
            search.put("viewerId", viewerId);
            search.put("limit", pageSize);
            search.put("offset", skip);
            return downstream
                    .exchange(HttpMethod.POST, "article", "/internal/articles/search", null, search)
                    .flatMap(page -> authors.respond(page, "articles", token, HttpStatus.OK));
        });
    }

    @GetMapping("/api/articles/{slug}")
    Mono<ResponseEntity<JsonNode>> read(
            @PathVariable String slug,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .get("article", articlePath(slug).toString(), authorization)
                .flatMap(article -> authors.respond(article, "article", token, HttpStatus.OK));
    }

    @PostMapping("/api/articles")
    Mono<ResponseEntity<JsonNode>> create(
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .exchange(HttpMethod.POST, "article", "/api/articles", authorization, orEmpty(body))
                .flatMap(article -> authors.respond(article, "article", token, HttpStatus.CREATED));
    }

    @PutMapping("/api/articles/{slug}")
    Mono<ResponseEntity<JsonNode>> update(
            @PathVariable String slug,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .exchange(HttpMethod.PUT, "article", articlePath(slug).toString(), authorization, orEmpty(body))
                .flatMap(article -> authors.respond(article, "article", token, HttpStatus.OK));
    }

    /**
     * Passed on by hand: the GET and PUT mappings above claim this path, so without a DELETE mapping
     * here WebFlux would answer 405 before the proxied route is ever tried.
     */
    @DeleteMapping("/api/articles/{slug}")
    Mono<ResponseEntity<Void>> delete(
            @PathVariable String slug, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return downstream
                .exchange(HttpMethod.DELETE, "article", articlePath(slug).toString(), authorization, null)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PostMapping("/api/articles/{slug}/favorite")
    Mono<ResponseEntity<JsonNode>> favorite(
            @PathVariable String slug,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .exchange(
                        HttpMethod.POST,
                        "article",
                        articlePath(slug).then("/favorite").toString(),
                        authorization,
                        null)
                .flatMap(article -> authors.respond(article, "article", token, HttpStatus.OK));
    }

    @DeleteMapping("/api/articles/{slug}/favorite")
    Mono<ResponseEntity<JsonNode>> unfavorite(
            @PathVariable String slug,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .exchange(
                        HttpMethod.DELETE,
                        "article",
                        articlePath(slug).then("/favorite").toString(),
                        authorization,
                        null)
                .flatMap(article -> authors.respond(article, "article", token, HttpStatus.OK));
    }

    private Mono<Optional<String>> optionalId(String username) {
        return present(username) ? profiles.idOf(username) : Mono.just(Optional.empty());
    }

    private JsonNode emptyList() {
        return json.createObjectNode()
                .<tools.jackson.databind.node.ObjectNode>set("articles", json.createArrayNode())
                .put("articlesCount", 0);
    }

    private JsonNode orEmpty(JsonNode body) {
        return body == null ? json.createObjectNode() : body;
    }

    /** An empty filter is no filter, as in the services: {@code ?tag=} lists everything. */
    private static boolean present(String filter) {
        return filter != null && !filter.isEmpty();
    }

    /** The path of {@code slug} at article- and comment-service, the slug encoded once. */
    static Target articlePath(String slug) {
        return Target.of("/api/articles").segment(slug);
    }
}
