package dev.newsroom.comment.web;

import dev.newsroom.comment.CommentServiceProperties;
import dev.newsroom.comment.article.Article;
import dev.newsroom.comment.comment.Comment;
import dev.newsroom.comment.comment.CommentEvents;
import dev.newsroom.comment.comment.CommentListing;
import dev.newsroom.comment.comment.CommentLookup;
import dev.newsroom.comment.messaging.CommentFeed;
import dev.newsroom.comment.messaging.CommentFeed.Change;
import dev.newsroom.comment.web.CommentJson.CommentEnvelope;
import dev.newsroom.platform.authors.AuthorProfiles;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /api/articles/{slug}/comments/stream}: the article's comment changes as Server-Sent
 * Events, as they happen, on whichever instance they were made ({@link CommentFeed}). Only what
 * everyone may see is sent: {@code comment-posted} (also when a moderator approves a held comment),
 * {@code comment-edited}, and {@code comment-deleted} (also when a public comment is rejected or held
 * again). Each event's data is the comment as the list shows it; a comment line keeps idle
 * connections open through proxies.
 *
 * <p>A stream shows nothing more once its article left: the first new, edited or approved comment
 * after the article was deleted or withdrawn ends the stream instead of being sent. A withdrawn story
 * keeps its comments, and a moderator may still approve one held under it, which must not reach a
 * page that still shows the story; removals still pass, since they reveal nothing.
 */
@RestController
class CommentStreamController {

    static final String POSTED = "comment-posted";
    static final String EDITED = "comment-edited";
    static final String DELETED = "comment-deleted";

    /** Ends a stream in place of a change that would show something of an article that left; never sent. */
    private static final ServerSentEvent<?> ARTICLE_LEFT =
            ServerSentEvent.builder().comment("article left").build();

    private final CommentListing listing;
    private final CommentFeed feed;
    private final CommentLookup lookup;
    private final AuthorProfiles authors;
    private final Duration keepAlive;

    CommentStreamController(
            CommentListing listing,
            CommentFeed feed,
            CommentLookup lookup,
            AuthorProfiles authors,
            CommentServiceProperties properties) {
        this.listing = listing;
        this.feed = feed;
        this.lookup = lookup;
        this.authors = authors;
        this.keepAlive = properties.stream().keepAlive();
    }

    @GetMapping(path = "/api/articles/{slug}/comments/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<?>> stream(@PathVariable String slug) {
        // The slug is resolved before anything is written, so an unknown article is a plain 404.
        return listing.article(slug).flatMapMany(this::changesUnder);
    }

    /**
     * A keep-alive at once as well as every {@code keepAlive}: the response starts (and proxies flush
     * it) immediately. The keep-alives stop with the changes, at shutdown or when the article left.
     */
    private Flux<ServerSentEvent<?>> changesUnder(Article article) {
        return Flux.defer(() -> {
            Sinks.Empty<Void> ended = Sinks.empty();
            Flux<ServerSentEvent<?>> changes = feed.under(article.id())
                    .concatMap(change -> event(article, change))
                    .takeWhile(event -> event != ARTICLE_LEFT)
                    .doFinally(signal -> ended.tryEmitEmpty());
            Flux<ServerSentEvent<?>> keepAlives = Flux.interval(Duration.ZERO, keepAlive)
                    .<ServerSentEvent<?>>map(tick ->
                            ServerSentEvent.builder().comment("keep-alive").build())
                    .takeUntilOther(ended.asMono());
            return Flux.merge(changes, keepAlives);
        });
    }

    private Mono<ServerSentEvent<?>> event(Article article, Change change) {
        return switch (change.type()) {
            case CommentEvents.POSTED -> shown(article, change, POSTED);
            case CommentEvents.EDITED -> shown(article, change, EDITED);
            case CommentEvents.DELETED -> Mono.just(removed(change));
            case CommentEvents.MODERATED -> moderated(article, change);
            default -> Mono.empty();
        };
    }

    private Mono<ServerSentEvent<?>> moderated(Article article, Change change) {
        boolean wasPublic =
                "published".equals(change.data().path("previousStatus").asString(null));
        boolean nowPublic = "approved".equals(change.data().path("decision").asString(null));
        if (nowPublic && !wasPublic) {
            return shown(article, change, POSTED);
        }
        if (wasPublic && !nowPublic) {
            return Mono.just(removed(change));
        }
        return Mono.empty();
    }

    /**
     * A comment as the list shows it, if it is public, as long as the article is still listed;
     * {@link #ARTICLE_LEFT} once it was deleted or withdrawn. Checked only for what would show
     * something, so a removal (a deletion's cascade, say) still reaches the page, and a stream costs
     * no lookups while nothing happens.
     */
    private Mono<ServerSentEvent<?>> shown(Article article, Change change, String name) {
        return listing.stillListed(article)
                .flatMap(listed -> listed
                        ? current(change).filter(Comment::isPublic).flatMap(comment -> sse(name, comment))
                        : Mono.just(ARTICLE_LEFT));
    }

    /** The comment as it is now (a later edit or deletion may have overtaken the event). */
    private Mono<Comment> current(Change change) {
        return lookup.current(change.commentId());
    }

    /** The comment with its author's profile as anyone sees it (the stream is the same for every viewer). */
    private Mono<ServerSentEvent<?>> sse(String name, Comment comment) {
        return authors.asSeenBy(comment.authorId(), null)
                .map(author -> ServerSentEvent.builder(CommentEnvelope.of(comment, author))
                        .event(name)
                        .id(String.valueOf(comment.id()))
                        .build());
    }

    private static ServerSentEvent<?> removed(Change change) {
        return ServerSentEvent.builder(Map.of("comment", Map.of("id", change.commentId(), "deleted", true)))
                .event(DELETED)
                .id(String.valueOf(change.commentId()))
                .build();
    }
}
