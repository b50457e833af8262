package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Authors;
import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.gateway.compose.Target;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The moderators' queue of held comments and their decisions, owned by comment-service (which
 * checks the moderator role); the gateway adds the commenters' profiles.
 */
@RestController
class ComposedModerationController {

    private final Downstream downstream;
    private final Authors authors;

    ComposedModerationController(Downstream downstream, Authors authors) {
        this.downstream = downstream;
        this.authors = authors;
    }

    @GetMapping("/api/moderation/comments")
    Mono<ResponseEntity<JsonNode>> held(
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String after,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        // comment-service judges the page size and the cursor itself (its 422s name them).
        String path = Target.of("/api/moderation/comments")
                .query("limit", limit)
                .query("after", after)
                .toString();
        return downstream
                .get("comment", path, authorization)
                .flatMap(page -> authors.respond(page, "comments", token, HttpStatus.OK));
    }

    @PostMapping("/api/moderation/comments/{id}/approve")
    Mono<ResponseEntity<JsonNode>> approve(
            @PathVariable String id,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return decide(id, "approve", authorization, token);
    }

    @PostMapping("/api/moderation/comments/{id}/reject")
    Mono<ResponseEntity<JsonNode>> reject(
            @PathVariable String id,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @AuthenticationPrincipal Jwt token) {
        return decide(id, "reject", authorization, token);
    }

    private Mono<ResponseEntity<JsonNode>> decide(String id, String decision, String authorization, Jwt token) {
        String path = Target.of("/api/moderation/comments")
                .segment(id)
                .then("/" + decision)
                .toString();
        return downstream
                .exchange(HttpMethod.POST, "comment", path, authorization, null)
                .flatMap(comment -> authors.respond(comment, "comment", token, HttpStatus.OK));
    }
}
