package dev.newsroom.article.web;

import dev.newsroom.article.article.ArticleInput;
import dev.newsroom.article.article.ArticleQuery;
import dev.newsroom.article.article.ArticleReads;
import dev.newsroom.article.article.ArticleWriting;
import dev.newsroom.article.article.Favorites;
import dev.newsroom.article.messaging.ArticleViews;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.ClientAddress;
import dev.newsroom.platform.web.Paging;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The RealWorld article endpoints, answered by author id (the gateway adds profiles). */
@RestController
class ArticlesController {

    private final ArticleReads reads;
    private final ArticleWriting writing;
    private final Favorites favorites;
    private final ArticleViews views;
    private final Clock clock;

    ArticlesController(
            ArticleReads reads, ArticleWriting writing, Favorites favorites, ArticleViews views, Clock clock) {
        this.reads = reads;
        this.writing = writing;
        this.favorites = favorites;
        this.views = views;
        this.clock = clock;
    }

    @GetMapping("/api/articles")
    Mono<ArticleJson.Many> list(
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String authorId,
            @RequestParam(required = false) String favoritedBy,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal Jwt token) {
        ArticleQuery query = query(
                tag,
                authorId == null ? null : List.of(authorId),
                favoritedBy,
                Paging.limit(limit),
                Paging.offset(offset));
        return reads.list(query, viewer(token)).map(page -> ArticleJson.many(page, clock.instant()));
    }

    @GetMapping("/api/articles/{slug}")
    Mono<ArticleJson.Single> read(
            @PathVariable String slug, @AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
        String viewer = viewer(token);
        return reads.bySlug(slug)
                .doOnNext(article -> views.viewed(article.id(), viewerIdentity(viewer, request)))
                .flatMap(article -> reads.favoritedBy(viewer, List.of(article))
                        .map(favorited ->
                                ArticleJson.single(article, favorited.contains(article.id()), clock.instant())));
    }

    @PostMapping("/api/articles")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ArticleJson.Single> create(
            @RequestBody(required = false) JsonNode request, @AuthenticationPrincipal Jwt token) {
        ArticleInput input = ArticleInput.parse(envelope(request), true);
        return writing.create(CurrentUser.of(token).id(), input)
                .map(article -> ArticleJson.single(article, false, clock.instant()));
    }

    @PutMapping("/api/articles/{slug}")
    Mono<ArticleJson.Single> update(
            @PathVariable String slug,
            @RequestBody(required = false) JsonNode request,
            @AuthenticationPrincipal Jwt token) {
        String userId = CurrentUser.of(token).id();
        return writing.update(slug, userId, envelope(request))
                .flatMap(article -> reads.favoritedBy(userId, List.of(article))
                        .map(favorited ->
                                ArticleJson.single(article, favorited.contains(article.id()), clock.instant())));
    }

    @DeleteMapping("/api/articles/{slug}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        return writing.delete(slug, CurrentUser.of(token).id());
    }

    @PostMapping("/api/articles/{slug}/favorite")
    Mono<ArticleJson.Single> favorite(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        return favorites
                .favorite(slug, CurrentUser.of(token).id())
                .map(article -> ArticleJson.single(article, true, clock.instant()));
    }

    @DeleteMapping("/api/articles/{slug}/favorite")
    Mono<ArticleJson.Single> unfavorite(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        return favorites
                .unfavorite(slug, CurrentUser.of(token).id())
                .map(article -> ArticleJson.single(article, false, clock.instant()));
    }

    @GetMapping("/api/tags")
    Mono<ArticleJson.Tags> tags() {
        return reads.tags().collectList().map(ArticleJson.Tags::new);
    }

    /** Paging as RealWorld has it: 20 from the newest by default; a page holds at most 100. */
    static ArticleQuery query(String tag, List<String> authorIds, String favoritedBy, Integer limit, Integer offset) {
        int pageSize = limit == null ? ArticleQuery.DEFAULT_LIMIT : limit;
        int skip = offset == null ? 0 : offset;
        if (pageSize < 1) {
            throw ApiException.invalid("limit", Paging.LIMIT_RULE);
        }
        if (skip < 0) {
            throw ApiException.invalid("offset", Paging.OFFSET_RULE);
        }
        return new ArticleQuery(
                blankToNull(tag),
                authorIds,
                blankToNull(favoritedBy),
                Math.min(pageSize, ArticleQuery.MAX_LIMIT),
                skip);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static JsonNode envelope(JsonNode request) {
        return request == null ? null : request.get("article");
    }

    private static String viewer(Jwt token) {
        return token == null ? null : CurrentUser.of(token).id();
    }

    /** Who read it, for de-duplicating views: the user, or else the address and browser. */
    private static String viewerIdentity(String userId, ServerHttpRequest request) {
        if (userId != null) {
            return "user:" + userId;
        }
        String address = ClientAddress.of(request);
        return "anonymous:" + address + "|" + request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
    }
}
