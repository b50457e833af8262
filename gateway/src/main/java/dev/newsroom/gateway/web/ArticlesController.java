package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Authors;
import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.gateway.compose.Profiles;
import dev.newsroom.platform.security.CurrentUser;
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
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
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
class ArticlesController {

    private final Downstream downstream;
    private final Profiles profiles;
    private final Authors authors;
    private final JsonMapper json;

    ArticlesController(Downstream downstream, Profiles profiles, Authors authors, JsonMapper json) {
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
        return Mono.zip(optionalId(author), optionalId(favorited)).flatMap(ids -> {
            if (author != null && ids.getT1().isEmpty()
                    || favorited != null && ids.getT2().isEmpty()) {
                // Nobody has that name, so nobody wrote or favourited anything under it.
                return Mono.just(ResponseEntity.ok(emptyList()));
            }
            String query = UriComponentsBuilder.fromPath("/api/articles")
                    .queryParamIfPresent("tag", Optional.ofNullable(tag))
                    .queryParamIfPresent("authorId", ids.getT1())
                    .queryParamIfPresent("favoritedBy", ids.getT2())
                    .queryParamIfPresent("limit", Optional.ofNullable(capped(limit)))
                    .queryParamIfPresent("offset", Optional.ofNullable(offset))
                    .encode()
                    .build()
                    .toUriString();
            return downstream
                    .get("article", query, authorization)
                    .flatMap(page -> authors.respond(page, "articles", token, HttpStatus.OK));
        });
    }

    @GetMapping("/api/articles/feed")
    Mono<ResponseEntity<JsonNode>> feed(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset,
            @AuthenticationPrincipal Jwt token) {
        String viewerId = CurrentUser.of(token).id();
        // Asked even when the viewer follows nobody (the page is then empty): article-service owns the
        // paging rules, so ?limit=0 is the same 422 for every viewer.
        return profiles.followedBy(viewerId).flatMap(followed -> {
            Map<String, Object> search = new HashMap<>();
            search.put("authorIds", followed);
            search.put("viewerId", viewerId);
            search.put("limit", limit == null ? null : Math.min(limit, MAX_PAGE_SIZE));
            search.put("offset", offset);
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
                .get("article", articlePath(slug), authorization)
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
                .exchange(HttpMethod.PUT, "article", articlePath(slug), authorization, orEmpty(body))
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
                .exchange(HttpMethod.DELETE, "article", articlePath(slug), authorization, null)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PostMapping("/api/articles/{slug}/favorite")
    Mono<ResponseEntity<JsonNode>> favorite(
            @PathVariable String slug,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .exchange(HttpMethod.POST, "article", articlePath(slug) + "/favorite", authorization, null)
                .flatMap(article -> authors.respond(article, "article", token, HttpStatus.OK));
    }

    @DeleteMapping("/api/articles/{slug}/favorite")
    Mono<ResponseEntity<JsonNode>> unfavorite(
            @PathVariable String slug,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .exchange(HttpMethod.DELETE, "article", articlePath(slug) + "/favorite", authorization, null)
                .flatMap(article -> authors.respond(article, "article", token, HttpStatus.OK));
    }

    private Mono<Optional<String>> optionalId(String username) {
        return username == null || username.isBlank() ? Mono.just(Optional.empty()) : profiles.idOf(username);
    }

    private JsonNode emptyList() {
        return json.createObjectNode()
                .<tools.jackson.databind.node.ObjectNode>set("articles", json.createArrayNode())
                .put("articlesCount", 0);
    }

    private JsonNode orEmpty(JsonNode body) {
        return body == null ? json.createObjectNode() : body;
    }

    /** The largest page any list asks a service for, whatever the client asked. */
    static final int MAX_PAGE_SIZE = 100;

    /** A numeric limit above the cap becomes the cap; anything else is left for the service to judge. */
    static String capped(String limit) {
        if (limit != null && limit.matches("[0-9]{1,18}") && Long.parseLong(limit) > MAX_PAGE_SIZE) {
            return String.valueOf(MAX_PAGE_SIZE);
        }
        return limit;
    }

    static String articlePath(String slug) {
        return "/api/articles/" + UriUtils.encodePathSegment(slug, "UTF-8");
    }
}
