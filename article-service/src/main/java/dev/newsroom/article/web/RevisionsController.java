package dev.newsroom.article.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsroom.article.article.ArticleQuery;
import dev.newsroom.article.article.Revision;
import dev.newsroom.article.article.Revisions;
import dev.newsroom.platform.authors.AuthorProfile;
import dev.newsroom.platform.authors.AuthorProfiles;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.Paging;
import dev.newsroom.platform.web.Timestamps;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A story's revisions for its author and the editors, and an editor's restore ({@link Revisions}). */
@RestController
class RevisionsController {

    private final Revisions revisions;
    private final AuthorProfiles authors;
    private final ArticleAnswers answers;

    RevisionsController(Revisions revisions, AuthorProfiles authors, ArticleAnswers answers) {
        this.revisions = revisions;
        this.authors = authors;
        this.answers = answers;
    }

    record RevisionJson(
            long number,
            String at,
            AuthorProfile by,
            List<String> fields,
            Integer restoredFrom,
            String title,
            String description,
            List<String> tagList,
            String bodyDiff) {}

    /** {@code pending}: the story's pending revision, absent when there is none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Many(List<RevisionJson> revisions, long revisionsCount, RevisionJson pending) {}

    /** Newest first; paging as the lists have it (20 by default, at most 100). */
    @GetMapping("/api/articles/{slug}/revisions")
    Mono<Many> list(
            @PathVariable String slug,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal Jwt token) {
        ArticleQuery paging = ArticlesController.query(null, null, null, Paging.limit(limit), Paging.offset(offset));
        CurrentUser user = CurrentUser.of(token);
        return revisions.list(slug, user, paging.offset(), paging.limit()).flatMap(history -> {
            List<String> savers = Stream.concat(history.revisions().stream(), Stream.ofNullable(history.pending()))
                    .map(listed -> listed.revision().by())
                    .distinct()
                    .toList();
            return authors.asSeenBy(savers, user.id())
                    .map(profiles -> new Many(
                            history.revisions().stream()
                                    .map(listed -> json(
                                            listed.revision(),
                                            profiles.getOrDefault(
                                                    listed.revision().by(), AuthorProfile.UNKNOWN),
                                            listed.bodyDiff()))
                                    .toList(),
                            history.total(),
                            history.pending() == null
                                    ? null
                                    : json(
                                            history.pending().revision(),
                                            profiles.getOrDefault(
                                                    history.pending().revision().by(), AuthorProfile.UNKNOWN),
                                            history.pending().bodyDiff())));
        });
    }

    @PostMapping("/api/articles/{slug}/revisions/{number}/restore")
    Mono<ArticleJson.Single> restore(
            @PathVariable String slug, @PathVariable String number, @AuthenticationPrincipal Jwt token) {
        CurrentUser user = CurrentUser.of(token);
        return revisions
                .restore(slug, user, revisionNumber(number))
                .flatMap(article -> answers.single(article, user.id()));
    }

    /** A revision number in the path; anything else names no revision (404). */
    private static long revisionNumber(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException notANumber) {
            throw ApiException.notFound("revision");
        }
    }

    private static RevisionJson json(Revision revision, AuthorProfile by, String bodyDiff) {
        return new RevisionJson(
                revision.number(),
                Timestamps.iso(revision.at()),
                by,
                revision.fields(),
                revision.restoredFrom(),
                revision.title(),
                revision.description(),
                revision.tagList(),
                bodyDiff);
    }
}
