package dev.newsroom.article.article;

import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Editors append notes to published stories ({@link Article.Correction}): readers see them under the
 * title, and consumers receive them with the story in {@code newsroom.article.updated.v1}. There is
 * no way to change or remove one; a wrong note is answered by another.
 */
@Service
public class Corrections {

    static final int TEXT_MAX = 2000;

    private final ArticleRepository articles;
    private final ArticleReads reads;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    Corrections(ArticleRepository articles, ArticleReads reads, OutboxRelay relay, JsonMapper json, Clock clock) {
        this.articles = articles;
        this.reads = reads;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Appends {@code {"correction":{"kind":…,"text":…}}} to the story: 404 if the user may not see it,
     * 403 unless an editor, 422 for a bad note, 409 unless the story is published.
     */
    public Mono<Article> append(String slug, CurrentUser user, JsonNode request) {
        return ChangedMeanwhile.retry(() -> reads.bySlugFor(slug, user).flatMap(current -> {
                    if (!Desk.isEditor(user)) {
                        return Mono.error(ApiException.forbidden("article"));
                    }
                    Article.Correction note = note(request == null ? null : request.get("correction"));
                    if (!current.isPublished()) {
                        return Mono.error(new ApiException(
                                HttpStatus.CONFLICT,
                                "status",
                                "is " + current.status().apiName() + "; only a published story takes corrections"));
                    }
                    Article corrected = current.corrected(note);
                    return articles.correct(corrected, List.of(ArticleEvents.updated(corrected, json)));
                }))
                .doOnNext(saved -> relay.wakeUp());
    }

    private Article.Correction note(JsonNode correction) {
        if (correction == null || !correction.isObject()) {
            throw ApiException.invalid("correction", "must be an object with kind and text");
        }
        JsonNode kind = correction.get("kind");
        JsonNode text = correction.get("text");
        if (kind == null || !kind.isString() || !Article.Correction.KINDS.contains(kind.asString())) {
            throw ApiException.invalid("kind", "must be correction, clarification or update");
        }
        if (text == null || !text.isString() || text.asString().isBlank()) {
            throw ApiException.invalid("text", "can't be blank");
        }
        if (text.asString().length() > TEXT_MAX) {
            throw ApiException.invalid("text", "is too long (maximum is " + TEXT_MAX + " characters)");
        }
        return new Article.Correction(
                kind.asString(), text.asString().strip(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
