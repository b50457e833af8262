package dev.newsroom.assistant.article;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.newsroom.assistant.AssistantServiceProperties;
import dev.newsroom.platform.web.ApiException;
import java.time.Instant;
import org.reactivestreams.Publisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The articles questions can be asked about, with their text, kept from article-service's events.
 * This service never calls article-service: what it knows is what the topic told it.
 *
 * <p>Applying an event is one conditional upsert, idempotent and safe against replays: it matches
 * only when the stored article is not deleted, not newer than the event and not written by this
 * very event ({@code ce_id}). Otherwise the upsert tries to insert a second document with the same
 * id, which the store refuses; that refusal is how a stale or repeated event is recognised and
 * dropped, without a read before the write.
 */
@Component
public class ArticleTexts {

    /** Longer than any slug article-service makes; a longer one is not worth waiting for. */
    static final int MAX_SLUG_LENGTH = 512;

    private final ReactiveMongoTemplate mongo;
    private final AssistantServiceProperties.ArticleLookup lookup;

    ArticleTexts(ReactiveMongoTemplate mongo, AssistantServiceProperties properties) {
        this.mongo = mongo;
        this.lookup = properties.articleLookup();
    }

    /**
     * Keeps the text of a published or updated article, unless a newer event, this same event or
     * the article's deletion was applied already. Emits whether anything changed.
     */
    public Mono<Boolean> changed(
            String eventId, String articleId, String slug, String title, String body, Instant updatedAt) {
        Query current = new Query(where("_id")
                .is(articleId)
                .and("deleted")
                .ne(true)
                .and("changedAt")
                .lte(updatedAt)
                .and("lastEventId")
                .ne(eventId));
        Update update = new Update()
                .set("slug", slug)
                .set("title", title)
                .set("body", body)
                .set("deleted", false)
                .set("changedAt", updatedAt)
                .set("lastEventId", eventId);
        return applyIf(current, update);
    }

    /**
     * Forgets the article's text and marks it deleted, whether or not its earlier events were seen.
     * Deletion is final: nothing that arrives afterwards, however it is dated, brings it back.
     */
    public Mono<Boolean> deleted(String eventId, String articleId, String slug, Instant deletedAt) {
        Query notDeleted = new Query(where("_id").is(articleId).and("deleted").ne(true));
        Update update = new Update()
                .set("slug", slug)
                .unset("title")
                .unset("body")
                .set("deleted", true)
                .set("changedAt", deletedAt)
                .set("lastEventId", eventId);
        return applyIf(notDeleted, update);
    }

    private Mono<Boolean> applyIf(Query condition, Update update) {
        return mongo.upsert(condition, update, ArticleText.class)
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, staleOrRepeated -> Mono.just(false));
    }

    /**
     * The live article with this slug, or a 404 {@code article: not found}.
     *
     * <p>The projection follows article-service through Kafka, a few milliseconds behind: a reader
     * who opens a just-published article and asks at once would otherwise get a 404. A slug the
     * projection does not know at all is therefore looked up again every {@code interval} for up to
     * {@code maxWait} (default 2 s), on a Reactor timer. A slug known as deleted is answered at once.
     */
    public Mono<ArticleText> live(String slug) {
        if (slug == null || slug.isBlank() || slug.length() > MAX_SLUG_LENGTH) {
            return Mono.error(ApiException.notFound("article"));
        }
        return withSlug(slug)
                .repeatWhenEmpty(this::whileUnknown)
                .filter(article -> !article.deleted() && article.body() != null)
                .switchIfEmpty(Mono.error(ApiException.notFound("article")));
    }

    /** The live article with this slug if there is one, else a deleted one, else nothing. */
    private Mono<ArticleText> withSlug(String slug) {
        Query query = new Query(where("slug").is(slug)).with(Sort.by("deleted")).limit(1);
        return mongo.findOne(query, ArticleText.class);
    }

    private Publisher<?> whileUnknown(Flux<Long> misses) {
        return misses.take(lookup.retries()).delayElements(lookup.interval());
    }
}
