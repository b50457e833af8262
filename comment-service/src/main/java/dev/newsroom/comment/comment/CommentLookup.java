package dev.newsroom.comment.comment;

import dev.newsroom.comment.article.Article;
import dev.newsroom.platform.web.ApiException;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Finds the one comment a request or an event names. An id in a path that cannot be a comment id
 * ({@code abc}, {@code -1}, …) is answered exactly like an unknown one: 404 {@code comment: not
 * found}.
 */
@Service
public class CommentLookup {

    private final CommentRepository comments;

    CommentLookup(CommentRepository comments) {
        this.comments = comments;
    }

    /** The comment as it is stored now, deleted or not (a live view re-reads it after an event). */
    public Mono<Comment> current(long id) {
        return comments.byId(id);
    }

    /** The live comment {@code rawId} names, under any article, or 404. */
    Mono<Comment> live(String rawId) {
        OptionalLong id = CommentRules.parseId(rawId);
        if (id.isEmpty()) {
            return Mono.error(ApiException.notFound("comment"));
        }
        return comments.live(id.getAsLong()).switchIfEmpty(Mono.error(ApiException.notFound("comment")));
    }

    /** The live comment {@code rawId} names under this very article, or 404. */
    Mono<Comment> liveUnder(Article article, String rawId) {
        OptionalLong id = CommentRules.parseId(rawId);
        if (id.isEmpty()) {
            return Mono.error(ApiException.notFound("comment"));
        }
        return comments.liveUnder(id.getAsLong(), article.id())
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")));
    }
}
