package dev.newsroom.comment.comment;

import dev.newsroom.comment.article.Article;
import dev.newsroom.comment.article.ArticleProjection;
import dev.newsroom.platform.security.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An article's comments as readers see them: in thread order, whole or a page at a time, with
 * placeholders where a comment they may not read still has live replies below it. The article is
 * resolved through {@link ArticleProjection#readable}, which may answer from memory.
 */
@Service
public class CommentListing {

    private final ArticleProjection articles;
    private final CommentRepository comments;

    CommentListing(ArticleProjection articles, CommentRepository comments) {
        this.articles = articles;
        this.comments = comments;
    }

    /**
     * The article's comments in thread order: each reply right after its parent, siblings oldest
     * first (RealWorld's list stays flat; {@code parentId} and {@code depth} give the shape back). A
     * deleted comment is listed, as a placeholder, only while live replies hang below it; so is a held
     * or rejected one for anybody but its author and moderators ({@code viewer} null: anonymous).
     */
    public Flux<Comment> list(String slug, CurrentUser viewer) {
        return articles.readable(slug).flatMapMany(article -> inThreadOrder(article, null, viewer));
    }

    /** One page of {@link #list}: up to {@code limit} comments after the cursor's ({@code null}: from the start). */
    public Mono<Page> page(String slug, int limit, String afterPath, CurrentUser viewer) {
        return articles.readable(slug)
                .flatMap(article -> inThreadOrder(article, afterPath, viewer)
                        .take(limit + 1L)
                        .collectList())
                .map(found -> Page.of(found, limit));
    }

    /**
     * The live article with that slug, or 404 {@code article: not found}: a listing of an unknown
     * article is 404 before its paging parameters are judged, and a live stream of one before
     * anything is written.
     */
    public Mono<Article> article(String slug) {
        return articles.readable(slug);
    }

    /**
     * Whether a live stream of {@code article} may still show what happens under it: false once the
     * article was deleted or withdrawn, when the stream ends rather than show anything more of it.
     */
    public Mono<Boolean> stillListed(Article article) {
        return articles.stillReadable(article);
    }

    /** A page of comments, and the cursor of the next page if there is one. */
    public record Page(List<Comment> comments, String nextCursor) {

        static Page of(List<Comment> oneMoreThanAsked, int limit) {
            if (oneMoreThanAsked.size() <= limit) {
                return new Page(oneMoreThanAsked, null);
            }
            List<Comment> page = oneMoreThanAsked.subList(0, limit);
            return new Page(
                    List.copyOf(page), Threads.cursor(page.get(limit - 1).path()));
        }
    }

    private Flux<Comment> inThreadOrder(Article article, String afterPath, CurrentUser viewer) {
        String viewerId = viewer == null ? null : viewer.id();
        boolean moderator = viewer != null && viewer.isModerator();
        return Flux.defer(() -> {
            Threads.Placeholders placeholders = new Threads.Placeholders();
            return comments.inPathOrder(article.id(), afterPath)
                    .map(comment -> comment.visibleTo(viewerId, moderator) ? comment : comment.asPlaceholder())
                    .concatMapIterable(placeholders::next);
        });
    }
}
