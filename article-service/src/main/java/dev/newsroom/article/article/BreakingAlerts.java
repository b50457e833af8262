package dev.newsroom.article.article;

import dev.newsroom.article.ArticleServiceProperties;
import dev.newsroom.platform.outbox.OutboxEvent;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Breaking-news alerts, owned by the story they announce. Publishing a story that carries the
 * {@value #LABEL} label raises its alert in the same single-document update that
 * carries {@code ArticlePublished}, so there is never an alert for a story that did not go live, nor
 * a breaking story published without its alert. The alert is kept on the article, so that whatever
 * takes it down first (an editor, the story's withdrawal or deletion) emits {@code AlertCleared}
 * once, and an alert that already expired is not cleared at all (consumers drop it at {@code
 * expiresAt} by themselves).
 */
@Service
public class BreakingAlerts {

    /** The label that makes a story breaking news, as the editor names it (compared ignoring case). */
    public static final String LABEL = "Breaking news";

    /** {@code reason} of an alert an editor cleared. */
    static final String CLEARED = "cleared";
    /** {@code reason} of an alert whose story was withdrawn. */
    static final String WITHDRAWN = "withdrawn";
    /** {@code reason} of an alert whose story was deleted. */
    static final String DELETED = "deleted";

    private final ArticleRepository articles;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration lifetime;

    BreakingAlerts(
            ArticleRepository articles,
            OutboxRelay relay,
            JsonMapper json,
            Clock clock,
            ArticleServiceProperties properties) {
        this.articles = articles;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.lifetime = properties.alertLifetime();
    }

    /**
     * {@code published} (a story going live at its {@code publishedAt}) with the alert its
     * publication raises if it carries a breaking label that still shows, and without one otherwise
     * (a story is published once: withdrawn is final, so it raises at most one alert).
     * The alert lasts until the label's own expiry if it has one, else for the configured lifetime.
     */
    Article raisedOn(Article published) {
        Instant at = published.publishedAt();
        return published.labels().stream()
                .filter(label -> isBreaking(label) && label.showsAt(at))
                .findFirst()
                .map(label -> published.withAlert(
                        new Article.Alert(at, label.expiresAt() != null ? label.expiresAt() : at.plus(lifetime), null)))
                .orElseGet(() -> published.withAlert(null));
    }

    /**
     * Whether {@code label} is the {@value #LABEL} label. Not a method of the label:
     * the label is serialised into events and answers whose contracts name its fields.
     */
    static boolean isBreaking(Article.Label label) {
        return label.name() != null && LABEL.equalsIgnoreCase(label.name().strip());
    }

    /** The events of a publication ({@code published} as {@link #raisedOn} made it): the story, then its alert. */
    List<OutboxEvent> publicationEvents(Article published) {
        List<OutboxEvent> events = new ArrayList<>();
        events.add(ArticleEvents.published(published, json));
        if (published.alert() != null) {
            events.add(ArticleEvents.alertRaised(published, json));
        }
        return events;
    }

    /**
     * {@code events} and, if {@code article}'s alert is still current at {@code now}, its clearing
     * for {@code reason}: what a withdrawal or deletion writes in the same update.
     */
    List<OutboxEvent> withClearing(Article article, List<OutboxEvent> events, Instant now, String reason) {
        if (!article.alertCurrentAt(now)) {
            return events;
        }
        List<OutboxEvent> all = new ArrayList<>(events);
        all.add(ArticleEvents.alertCleared(article, now, reason, json));
        return all;
    }

    /** {@code article} with its alert marked cleared at {@code now}, if it was current. */
    static Article clearedIfCurrent(Article article, Instant now) {
        return article.alertCurrentAt(now) ? article.withAlert(article.alert().clearedAt(now)) : article;
    }

    /**
     * An editor takes down the current alert of the published story {@code slug}: 403 unless
     * {@code user} is an editor, 404 if the story has no alert showing (none raised, expired, or
     * cleared already, so an alert is never cleared twice).
     */
    public Mono<Article> clear(String slug, CurrentUser user) {
        if (!Desk.isEditor(user)) {
            return Mono.error(ApiException.forbidden("alert"));
        }
        return ChangedMeanwhile.retry(() -> articles.bySlug(slug)
                        .switchIfEmpty(Mono.error(ApiException.notFound("alert")))
                        .flatMap(current -> {
                            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                            if (!current.alertCurrentAt(now)) {
                                return Mono.error(ApiException.notFound("alert"));
                            }
                            Article cleared = clearedIfCurrent(current, now).nextVersion();
                            return articles.changeAlert(
                                    cleared, List.of(ArticleEvents.alertCleared(current, now, CLEARED, json)));
                        }))
                .doOnNext(cleared -> relay.wakeUp());
    }
}
