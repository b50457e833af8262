package dev.newsroom.comment.comment;

import dev.newsroom.comment.CommentServiceProperties;
import dev.newsroom.comment.article.ArticleProjection;
import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.RequestIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes a comment's body on its author's behalf, within the edit window. The edit and its events
 * are one conditional write, then the relay is woken.
 */
@Service
public class CommentEditing {

    private final ArticleProjection articles;
    private final CommentLookup lookup;
    private final CommentRepository comments;
    private final ModerationChecks checks;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;
    private final int maxBodyLength;
    private final Duration editWindow;

    CommentEditing(
            ArticleProjection articles,
            CommentLookup lookup,
            CommentRepository comments,
            ModerationChecks checks,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock,
            CommentServiceProperties properties) {
        this.articles = articles;
        this.lookup = lookup;
        this.comments = comments;
        this.checks = checks;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.maxBodyLength = properties.maxBodyLength();
        this.editWindow = properties.editWindow();
    }

    /**
     * Changes a comment's body: only its author may, and only within the edit window after posting
     * ({@code newsroom.comments.edit-window}). The comment then carries {@code editedAt}.
     */
    public Mono<Comment> edit(String slug, String rawId, CurrentUser user, String body) {
        Optional<String> problem = CommentRules.problemWithBody(body, maxBodyLength);
        if (problem.isPresent()) {
            return Mono.error(ApiException.invalid("body", problem.get()));
        }
        return articles.live(slug)
                .flatMap(article -> lookup.liveUnder(article, rawId))
                // Its events carry the request's trace (the automatic propagation is off here).
                .flatMap(comment -> RequestIds.withCorrelation(() -> editAs(user, comment, body)));
    }

    private Mono<Comment> editAs(CurrentUser user, Comment comment, String body) {
        if (!user.id().equals(comment.authorId())) {
            return Mono.error(ApiException.forbidden("comment"));
        }
        Instant now = CommentRules.now(clock);
        if (!CommentRules.withinEditWindow(comment.createdAt(), now, editWindow)) {
            return Mono.error(tooLateToEdit());
        }
        // An edit passes the same checks as a new comment (a repeat of itself is no repeat).
        ModerationChecks.Verdict verdict = checks.check(body, false);
        if (verdict.refused()) {
            return Mono.error(verdict.refusal());
        }
        Comment.Builder edited = comment.toBuilder()
                .body(body)
                .editedAt(now)
                .updatedAt(now)
                .fingerprint(ModerationChecks.fingerprint(body));
        List<OutboxEvent> events = new ArrayList<>();
        events.add(CommentEvents.edited(comment, body, now, json));
        // A published comment that an edit would have held goes back to the moderators; a held or
        // rejected one stays as it is until a moderator decides.
        if (verdict.status() == CommentStatus.HELD && comment.status() == CommentStatus.PUBLISHED) {
            edited.status(CommentStatus.HELD)
                    .moderationReasons(verdict.reasons())
                    .moderatedAt(now);
            events.add(CommentEvents.heldWhenEdited(comment, verdict.reasons(), now, json));
        }
        // The same conditions again in the write: deleted, moderated or past the window in the
        // meantime, it stays as it is.
        return comments.saveEdit(comment, edited.build(), now.minus(editWindow), events)
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")))
                .doOnNext(changed -> relay.wakeUp());
    }

    private static ApiException tooLateToEdit() {
        return new ApiException(HttpStatus.FORBIDDEN, "comment", "can no longer be edited");
    }
}
