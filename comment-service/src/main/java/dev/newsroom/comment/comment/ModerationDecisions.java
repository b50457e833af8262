package dev.newsroom.comment.comment;

import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import dev.newsroom.platform.web.RequestIds;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A moderator's approval or rejection of a comment, written with its {@code moderated} event in one
 * conditional write; then the relay is woken.
 */
@Service
public class ModerationDecisions {

    private final CommentLookup lookup;
    private final CommentRepository comments;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    ModerationDecisions(
            CommentLookup lookup, CommentRepository comments, OutboxRelay relay, JsonMapper json, Clock clock) {
        this.lookup = lookup;
        this.comments = comments;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A moderator's decision on a comment: {@code approve} publishes a held or rejected one, {@code
     * reject} hides a held or published one from everyone but its author and moderators. Deciding
     * what is already so changes nothing and publishes nothing. Emits the comment as it now is.
     */
    public Mono<Comment> moderate(String rawId, boolean approve, CurrentUser moderator) {
        return lookup.live(rawId)
                // Its event carries the request's trace (the automatic propagation is off here).
                .flatMap(comment -> RequestIds.withCorrelation(
                        () -> decide(comment, approve ? CommentStatus.PUBLISHED : CommentStatus.REJECTED, moderator)));
    }

    private Mono<Comment> decide(Comment comment, CommentStatus target, CurrentUser moderator) {
        if (comment.status() == target) {
            return Mono.just(comment);
        }
        Instant now = CommentRules.now(clock);
        return comments.saveDecision(
                        comment,
                        target,
                        moderator.id(),
                        now,
                        CommentEvents.decided(comment, target, moderator.id(), now, json))
                // Someone decided (or deleted it) at the same moment: answer with how it is now.
                .switchIfEmpty(Mono.defer(() -> comments.live(comment.id())))
                .switchIfEmpty(Mono.error(ApiException.notFound("comment")))
                .doOnNext(decided -> relay.wakeUp());
    }
}
