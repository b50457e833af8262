package dev.newsroom.comment.comment;

import dev.newsroom.comment.article.Article;
import dev.newsroom.comment.article.ArticleProjection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The comments waiting for a moderator, oldest first, a page at a time, with the articles they are under. */
@Service
public class HeldQueue {

    private final ArticleProjection articles;
    private final CommentRepository comments;

    HeldQueue(ArticleProjection articles, CommentRepository comments) {
        this.articles = articles;
        this.comments = comments;
    }

    /** A page of held comments with the articles they are under, and the next page's cursor or null. */
    public record HeldPage(List<Comment> comments, Map<String, Article> articles, String nextCursor) {}

    /** The comments waiting for a moderator, oldest first, after the cursor's ({@code null}: from the start). */
    public Mono<HeldPage> held(int limit, HeldCursor after) {
        return comments.held(after, limit + 1).collectList().flatMap(found -> {
            List<Comment> page = found.size() > limit ? found.subList(0, limit) : found;
            String next =
                    found.size() > limit ? HeldCursor.of(page.get(limit - 1)).encode() : null;
            Set<String> articleIds = new LinkedHashSet<>();
            page.forEach(comment -> articleIds.add(comment.articleId()));
            return articles.byIds(articleIds).map(byId -> new HeldPage(List.copyOf(page), byId, next));
        });
    }
}
