package dev.newsroom.comment.comment;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** How many public comments articles have, for other services composing article lists. */
@Service
public class CommentCounts {

    private final CommentRepository comments;

    CommentCounts(CommentRepository comments) {
        this.comments = comments;
    }

    /**
     * How many public comments (published, not deleted) each article has, in the order asked; an id
     * with none (or unknown here) counts 0. One query for all of them.
     */
    public Mono<Map<String, Long>> counts(List<String> articleIds) {
        Map<String, Long> counts = new LinkedHashMap<>();
        new LinkedHashSet<>(articleIds).forEach(id -> counts.put(id, 0L));
        if (counts.isEmpty()) {
            return Mono.just(counts);
        }
        return comments.publicCounts(counts.keySet())
                .doOnNext(found -> counts.put(found.articleId(), found.count()))
                .then(Mono.fromSupplier(() -> counts));
    }
}
