package dev.newsroom.comment.web;

import dev.newsroom.comment.comment.CommentCounts;
import dev.newsroom.comment.web.CommentJson.CountsEnvelope;
import dev.newsroom.comment.web.CommentJson.CountsRequest;
import dev.newsroom.platform.web.ApiException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Live comment counts for many articles in one call, for services and the gateway composing article
 * lists ({@code /internal/**} is not routed by the gateway). A POST because a page of article ids
 * does not fit a URL comfortably. The number of ids is capped so one call stays one cheap query.
 */
@RestController
class CommentCountsController {

    static final int MAX_ARTICLE_IDS = 100;

    private final CommentCounts comments;

    CommentCountsController(CommentCounts comments) {
        this.comments = comments;
    }

    @PostMapping("/internal/comments/counts")
    Mono<CountsEnvelope> counts(@RequestBody(required = false) CountsRequest request) {
        if (request == null || request.articleIds() == null) {
            return Mono.error(ApiException.invalid("articleIds", "can't be blank"));
        }
        if (request.articleIds().size() > MAX_ARTICLE_IDS) {
            return Mono.error(ApiException.invalid("articleIds", "are too many (maximum is " + MAX_ARTICLE_IDS + ")"));
        }
        if (request.articleIds().stream().anyMatch(id -> id == null || id.isBlank())) {
            return Mono.error(ApiException.invalid("articleIds", "must not contain blank ids"));
        }
        return comments.counts(request.articleIds()).map(CountsEnvelope::new);
    }
}
