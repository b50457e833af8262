package dev.newsroom.article.web;

import dev.newsroom.article.article.ArticleInput;
import dev.newsroom.article.article.ArticleQuery;
import dev.newsroom.article.article.ArticleReads;
import dev.newsroom.article.article.ArticleWriting;
import dev.newsroom.article.article.Favorites;
import dev.newsroom.article.article.Status;
import dev.newsroom.article.article.Workflow;
import dev.newsroom.article.messaging.ArticleViews;
import dev.newsroom.platform.authors.AuthorProfiles;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.ClientAddress;
import dev.newsroom.platform.web.Paging;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/**
 * The RealWorld article endpoints, answered in RealWorld's complete shape: each article carries its
 * author's profile as the viewer sees it, from the service's copy of the users' events, and the
 * list's {@code author} and {@code favorited} filters take usernames, resolved through that copy.
 */
@RestController
class ArticlesController {

    private final ArticleReads reads;
    private final ArticleWriting writing;
    private final Favorites favorites;
    private final ArticleViews views;
    private final AuthorProfiles authors;
    private final ArticleAnswers answers;
    private final Workflow workflow;

    ArticlesController(
            ArticleReads reads,
            ArticleWriting writing,
            Workflow workflow,
            Favorites favorites,
            ArticleViews views,
            AuthorProfiles authors,
            ArticleAnswers answers) {
        this.reads = reads;
        this.writing = writing;
        this.workflow = workflow;
        this.favorites = favorites;
        this.views = views;
        this.authors = authors;
        this.answers = answers;
    }

    /**
     * Paging is judged first (422), then the usernames are resolved: a username nobody has wrote and
     * favourited nothing, so its page is empty. An empty filter is no filter ({@code ?author=} lists
     * everything).
     */
    @GetMapping("/api/articles")
    Mono<ArticleJson.Many> list(
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String author,
            @RequestParam(required = false) String favorited,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal Jwt token) {
        Integer pageSize = Paging.limit(limit);
        Integer skip = Paging.offset(offset);
        String viewer = viewer(token);
        return Mono.zip(idOf(author), idOf(favorited)).flatMap(ids -> {
            if (present(author) && ids.getT1().isEmpty()
                    || present(favorited) && ids.getT2().isEmpty()) {
                return Mono.just(new ArticleJson.Many(List.of(), 0));
            }
            ArticleQuery query = query(
                    tag, ids.getT1().map(List::of).orElse(null), ids.getT2().orElse(null), pageSize, skip);
            return answers.page(query, viewer);
        });
    }

    @GetMapping("/api/articles/{slug}")
    Mono<ArticleJson.Single> read(
            @PathVariable String slug, @AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
        String viewer = viewer(token);
        return reads.bySlugFor(slug, token == null ? null : CurrentUser.of(token))
                .doOnNext(article -> {
                    // Only a public read is a view: an author reading their draft tells nobody.
                    if (article.isPublished()) {
                        views.viewed(article.id(), viewerIdentity(viewer, request));
                    }
                })
                .flatMap(article -> answers.single(article, viewer));
    }

    @PostMapping("/api/articles")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ArticleJson.Single> create(
            @RequestBody(required = false) JsonNode request, @AuthenticationPrincipal Jwt token) {
        JsonNode article = envelope(request);
        ArticleInput input = ArticleInput.parse(article, true);
        CurrentUser writer = CurrentUser.of(token);
        Status status = workflow.initialStatus(article.get("status"), writer);
        return writing.create(writer.id(), input, status).flatMap(created -> answers.written(created, false, writer));
    }

    /**
     * 200 with the changed story; 202 with the story as it still is when the edit became a pending
     * revision of a published story (docs/desk.md), which goes live when an editor publishes it.
     */
    @PutMapping("/api/articles/{slug}")
    Mono<ResponseEntity<ArticleJson.Single>> update(
            @PathVariable String slug,
            @RequestBody(required = false) JsonNode request,
            @AuthenticationPrincipal Jwt token) {
        CurrentUser writer = CurrentUser.of(token);
        return writing.edit(slug, writer, envelope(request))
                .flatMap(edit -> reads.favoritedBy(writer.id(), List.of(edit.article()))
                        .flatMap(favorited -> answers.written(
                                edit.article(),
                                favorited.contains(edit.article().id()),
                                writer))
                        .map(body -> ResponseEntity.status(edit.pending() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                                .body(body)));
    }

    @DeleteMapping("/api/articles/{slug}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        return writing.delete(slug, CurrentUser.of(token));
    }

    @PostMapping("/api/articles/{slug}/favorite")
    Mono<ArticleJson.Single> favorite(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        CurrentUser writer = CurrentUser.of(token);
        return favorites.favorite(slug, writer.id()).flatMap(article -> answers.written(article, true, writer));
    }

    @DeleteMapping("/api/articles/{slug}/favorite")
    Mono<ArticleJson.Single> unfavorite(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        CurrentUser writer = CurrentUser.of(token);
        return favorites.unfavorite(slug, writer.id()).flatMap(article -> answers.written(article, false, writer));
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

    private Mono<Optional<String>> idOf(String username) {
        return present(username) ? authors.idOf(username) : Mono.just(Optional.empty());
    }

    private static boolean present(String filter) {
        return filter != null && !filter.isEmpty();
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
