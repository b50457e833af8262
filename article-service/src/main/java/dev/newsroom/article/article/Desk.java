package dev.newsroom.article.article;

import dev.newsroom.platform.security.CurrentUser;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The desk's queues: drafts, stories in review, scheduled stories, the recently published, the
 * withdrawn, and published stories with a change waiting for review, each a page of its own. An editor sees everyone's stories; any other writer sees their
 * own, so the same page serves a writer following their stories and an editor working the desk.
 */
@Service
public class Desk {

    private final ArticleRepository articles;
    private final RevisionRepository revisions;

    Desk(ArticleRepository articles, RevisionRepository revisions) {
        this.articles = articles;
        this.revisions = revisions;
    }

    /** Whether {@code user} (null: anonymous) holds the editor role. */
    public static boolean isEditor(CurrentUser user) {
        return user != null && user.isEditor();
    }

    /** The six queues as {@code viewer} sees them, each from {@code offset}, at most {@code limit}. */
    public Mono<Queues> queues(CurrentUser viewer, int offset, int limit) {
        String author = isEditor(viewer) ? null : viewer.id();
        return Mono.zip(
                        queue(Status.DRAFT, author, Sort.by(Sort.Order.desc("updatedAt")), offset, limit),
                        // Oldest first: the story waiting longest for an editor is at the top.
                        queue(Status.IN_REVIEW, author, Sort.by(Sort.Order.asc("updatedAt")), offset, limit),
                        queue(Status.SCHEDULED, author, Sort.by(Sort.Order.asc("publishAt")), offset, limit),
                        queue(Status.PUBLISHED, author, Sort.by(Sort.Order.desc("createdAt")), offset, limit),
                        queue(Status.WITHDRAWN, author, Sort.by(Sort.Order.desc("updatedAt")), offset, limit),
                        changesToReview(author, offset, limit))
                .map(found -> new Queues(
                        found.getT1(), found.getT2(), found.getT3(), found.getT4(), found.getT5(), found.getT6()));
    }

    /**
     * Published stories with a pending revision, the one waiting longest first. A pending revision
     * is saved by its story's author, so a writer's own are those they saved. A story deleted or
     * withdrawn since drops out of the page (its total still counts it until its revision goes).
     */
    private Mono<ArticlePage> changesToReview(String author, int offset, int limit) {
        return revisions.pending(author, offset, limit).flatMap(page -> {
            List<String> ids =
                    page.revisions().stream().map(Revision::articleId).toList();
            return articles.byIds(ids)
                    .collectMap(Article::id)
                    .map(found -> new ArticlePage(
                            ids.stream()
                                    .map(found::get)
                                    .filter(Objects::nonNull)
                                    .toList(),
                            page.total(),
                            Set.of()));
        });
    }

    private Mono<ArticlePage> queue(Status status, String author, Sort order, int offset, int limit) {
        return articles.queue(status, author, order.and(Sort.by(Sort.Order.desc("_id"))), offset, limit)
                .map(page -> new ArticlePage(page.articles(), page.total(), Set.of()));
    }

    /** One page of each queue. */
    public record Queues(
            ArticlePage drafts,
            ArticlePage inReview,
            ArticlePage scheduled,
            ArticlePage published,
            ArticlePage withdrawn,
            ArticlePage changesToReview) {}
}
