package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Authors;
import dev.newsroom.gateway.compose.Downstream;
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

/** RealWorld's comment list and posting, with the commenters' profiles added. */
@RestController
class ComposedCommentsController {

    private final Downstream downstream;
    private final Authors authors;
    private final JsonMapper json;

    ComposedCommentsController(Downstream downstream, Authors authors, JsonMapper json) {
        this.downstream = downstream;
        this.authors = authors;
        this.json = json;
    }

    /** The whole list, or a page of it ({@code limit}, {@code after}), in thread order. */
    @GetMapping("/api/articles/{slug}/comments")
    Mono<ResponseEntity<JsonNode>> list(
            @PathVariable String slug,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String after,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @AuthenticationPrincipal Jwt token) {
        // comment-service judges the page size and the cursor itself (its 422s name them).
        String path = ComposedArticlesController.articlePath(slug)
                .then("/comments")
                .query("limit", limit)
                .query("after", after)
                .toString();
        return downstream
                .get("comment", path, authorization)
                .flatMap(comments -> authors.respond(comments, "comments", token, HttpStatus.OK));
    }

    /** Editing by the author within the edit window; the answer gets the author's profile too. */
    @PutMapping("/api/articles/{slug}/comments/{id}")
    Mono<ResponseEntity<JsonNode>> edit(
            @PathVariable String slug,
            @PathVariable String id,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .exchange(
                        HttpMethod.PUT,
                        "comment",
                        commentPath(slug, id),
                        authorization,
                        body == null ? json.createObjectNode() : body)
                .flatMap(comment -> authors.respond(comment, "comment", token, HttpStatus.OK));
    }

    /**
     * Passed on by hand: the PUT mapping above claims this path, so without a DELETE mapping here
     * WebFlux would answer 405 before the proxied route is ever tried.
     */
    @DeleteMapping("/api/articles/{slug}/comments/{id}")
    Mono<ResponseEntity<Void>> delete(
            @PathVariable String slug,
            @PathVariable String id,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return downstream
                .exchange(HttpMethod.DELETE, "comment", commentPath(slug, id), authorization, null)
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @PostMapping("/api/articles/{slug}/comments")
    Mono<ResponseEntity<JsonNode>> post(
            @PathVariable String slug,
            @RequestBody(required = false) JsonNode body,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return downstream
                .exchange(
                        HttpMethod.POST,
                        "comment",
                        ComposedArticlesController.articlePath(slug)
                                .then("/comments")
                                .toString(),
                        authorization,
                        body == null ? json.createObjectNode() : body)
                .flatMap(comment -> authors.respond(comment, "comment", token, HttpStatus.CREATED));
    }

    /** {@code /api/articles/{slug}/comments/{id}} on comment-service, each part encoded once. */
    private static String commentPath(String slug, String id) {
        return ComposedArticlesController.articlePath(slug)
                .then("/comments")
                .segment(id)
                .toString();
    }
}
