package dev.newsroom.article.article;

import dev.newsroom.article.ArticleServiceProperties;
import dev.newsroom.article.ArticleServiceProperties.PublishingPolicy;
import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The desk's workflow: a story's author submits it for review; an editor schedules, publishes or
 * withdraws it (under the {@code open} publishing policy its author may too: there, everyone is
 * their own editor). Consumers hear of a story only when it is published ({@code ArticlePublished},
 * carrying the story as it is at that moment) and of a withdrawal with {@code ArticleWithdrawn}; a
 * breaking story's alert is raised and cleared in the same updates ({@link BreakingAlerts}).
 *
 * <p>Checks come in a fixed order, so the answer does not depend on the body: a story the user may
 * not see is a 404 (another writer's draft is not revealed), a move they may not make a 403, a bad
 * {@code publishAt} a 422, and a move the story's status does not allow a 409 naming that status.
 * Each move lands only on the version it was computed from; a story changed meanwhile is read again.
 */
@Service
public class Workflow {

    /** A story may be scheduled at most this far ahead. */
    static final Duration LONGEST_SCHEDULE = Duration.ofDays(365);

    private final ArticleRepository articles;
    private final ArticleReads reads;
    private final ArticleWriting writing;
    private final BreakingAlerts alerts;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;
    private final PublishingPolicy policy;

    Workflow(
            ArticleRepository articles,
            ArticleReads reads,
            ArticleWriting writing,
            BreakingAlerts alerts,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock,
            ArticleServiceProperties properties) {
        this.articles = articles;
        this.reads = reads;
        this.writing = writing;
        this.alerts = alerts;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.policy = properties.publishingPolicy();
    }

    /**
     * The status a new story starts in: {@code "status":"draft"} asks for a draft; without a status
     * (every Conduit client) it is published when the writer may publish, and a draft otherwise.
     * Asking for {@code "published"} without that right is a 403.
     */
    public Status initialStatus(JsonNode requested, CurrentUser writer) {
        boolean mayPublish = Desk.isEditor(writer) || policy == PublishingPolicy.OPEN;
        if (requested == null) {
            return mayPublish ? Status.PUBLISHED : Status.DRAFT;
        }
        String value = requested.isString() ? requested.asString() : null;
        if (Status.DRAFT.apiName().equals(value)) {
            return Status.DRAFT;
        }
        if (Status.PUBLISHED.apiName().equals(value)) {
            if (!mayPublish) {
                throw new ApiException(HttpStatus.FORBIDDEN, "status", "only an editor may publish");
            }
            return Status.PUBLISHED;
        }
        throw ApiException.invalid("status", "must be draft or published");
    }

    /** Its author (or an editor) sends a draft for review. */
    public Mono<Article> submit(String slug, CurrentUser user) {
        return move(slug, user, Move.SUBMIT, null);
    }

    /** Schedules a draft or a story in review (or moves a scheduled one's time) for {@code body.publishAt}. */
    public Mono<Article> schedule(String slug, CurrentUser user, JsonNode body) {
        return move(slug, user, Move.SCHEDULE, body);
    }

    /** Publishes a draft, a story in review or a scheduled one now, or a published one's pending revision. */
    public Mono<Article> publish(String slug, CurrentUser user) {
        return move(slug, user, Move.PUBLISH, null);
    }

    /** Takes a published story down; consumers drop it. */
    public Mono<Article> withdraw(String slug, CurrentUser user) {
        return move(slug, user, Move.WITHDRAW, null);
    }

    /**
     * Publishes a scheduled story whose time has come by {@code now}, if it is still scheduled at the version read:
     * of several instances that find it due, exactly one publishes it (the others find it moved).
     */
    Mono<Article> publishDue(Article due, Instant now) {
        Article published = alerts.raisedOn(due.movedTo(Status.PUBLISHED, null, now.truncatedTo(ChronoUnit.MILLIS)));
        return articles.move(published, alerts.publicationEvents(published)).doOnNext(done -> relay.wakeUp());
    }

    private enum Move {
        SUBMIT(Set.of(Status.DRAFT), Status.IN_REVIEW, "only a draft can be submitted"),
        SCHEDULE(
                Status.SCHEDULABLE,
                Status.SCHEDULED,
                "only a draft, or a story in review or scheduled, can be scheduled"),
        PUBLISH(
                Status.PUBLISHABLE,
                Status.PUBLISHED,
                "only a draft, or a story in review or scheduled, can be published"),
        WITHDRAW(Set.of(Status.PUBLISHED), Status.WITHDRAWN, "only a published story can be withdrawn");

        final Set<Status> from;
        final Status to;
        final String rule;

        Move(Set<Status> from, Status to, String rule) {
            this.from = from;
            this.to = to;
            this.rule = rule;
        }
    }

    private Mono<Article> move(String slug, CurrentUser user, Move move, JsonNode body) {
        return ChangedMeanwhile.retry(() -> reads.bySlugFor(slug, user).flatMap(current -> {
                    if (!allowed(user, current, move)) {
                        return Mono.error(ApiException.forbidden("article"));
                    }
                    if (move == Move.PUBLISH && current.isPublished()) {
                        // A published story's pending revision goes live.
                        return writing.publishPending(slug, user, current);
                    }
                    Instant now = now();
                    Instant publishAt = move == Move.SCHEDULE ? publishAt(body, now) : null;
                    if (!move.from.contains(current.status())) {
                        return Mono.error(new ApiException(
                                HttpStatus.CONFLICT,
                                "status",
                                "is " + current.status().apiName() + "; " + move.rule));
                    }
                    Article moved = withAlert(current.movedTo(move.to, publishAt, now), move, now);
                    return articles.move(moved, events(current, moved, move, now));
                }))
                .doOnNext(moved -> relay.wakeUp());
    }

    private boolean allowed(CurrentUser user, Article article, Move move) {
        boolean author = article.authorId().equals(user.id());
        boolean publisher = Desk.isEditor(user) || author && policy == PublishingPolicy.OPEN;
        return move == Move.SUBMIT ? author || Desk.isEditor(user) : publisher;
    }

    /** A publication raises the story's alert if it is breaking; a withdrawal takes a current one down. */
    private Article withAlert(Article moved, Move move, Instant now) {
        return switch (move) {
            case PUBLISH -> alerts.raisedOn(moved);
            case WITHDRAW -> BreakingAlerts.clearedIfCurrent(moved, now);
            case SUBMIT, SCHEDULE -> moved;
        };
    }

    private List<OutboxEvent> events(Article current, Article moved, Move move, Instant now) {
        return switch (move) {
            case PUBLISH -> alerts.publicationEvents(moved);
            case WITHDRAW ->
                alerts.withClearing(
                        current, List.of(ArticleEvents.withdrawn(current, now, json)), now, BreakingAlerts.WITHDRAWN);
            case SUBMIT, SCHEDULE -> List.of();
        };
    }

    /** {@code {"publishAt": "<RFC 3339 date-time>"}}, in the future and at most a year ahead. */
    static Instant publishAt(JsonNode body, Instant now) {
        JsonNode value = body == null ? null : body.get("publishAt");
        if (value == null || value.isNull()) {
            throw ApiException.invalid("publishAt", "can't be blank");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value.isString() ? value.asString() : "")
                    .toInstant()
                    .truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException notADate) {
            throw ApiException.invalid("publishAt", "must be a date-time such as 2026-12-24T08:00:00Z");
        }
        if (!at.isAfter(now)) {
            throw ApiException.invalid("publishAt", "must be in the future");
        }
        if (at.isAfter(now.plus(LONGEST_SCHEDULE))) {
            throw ApiException.invalid("publishAt", "must be at most a year ahead");
        }
        return at;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
