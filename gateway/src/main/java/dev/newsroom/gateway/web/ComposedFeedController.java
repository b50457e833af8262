package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.gateway.compose.Profiles;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.Paging;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one article read the gateway composes: RealWorld's feed, built from whom the viewer follows
 * at this moment (user-service), so following someone shows in the feed at once. Every other
 * article read and write passes through to article-service unchanged (the {@code articles} route),
 * which answers with the authors' profiles itself.
 */
@RestController
class ComposedFeedController {

    private final Downstream downstream;
    private final Profiles profiles;

    ComposedFeedController(Downstream downstream, Profiles profiles) {
        this.downstream = downstream;
        this.profiles = profiles;
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
                    .map(page -> ResponseEntity.ok(followedAuthors(page)));
        });
    }

    /**
     * Every author in the feed is one the viewer follows, by the feed's definition; article-service's
     * copy of the follows may not have the follow made a moment ago yet, user-service's answer has.
     */
    private static JsonNode followedAuthors(JsonNode page) {
        page.path("articles").forEach(article -> {
            if (article.path("author") instanceof ObjectNode author) {
                author.put("following", true);
            }
        });
        return page;
    }
}
