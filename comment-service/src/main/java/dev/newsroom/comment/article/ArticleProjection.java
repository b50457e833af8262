package dev.newsroom.comment.article;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.newsroom.comment.CommentServiceProperties;
import dev.newsroom.platform.web.ApiException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
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
 * The live articles comments may be posted under, kept from article-service's events.
 *
 * <p>Applying an event is idempotent and safe against replays: every write is one conditional
 * upsert that matches only when the stored article is not deleted, is not newer than the event and
 * was not written by this very event ({@code ce_id}). When the condition does not match, the upsert
 * tries to insert a second document with the same id, which the store refuses: that refusal is how
 * a stale or repeated event is recognised and dropped, without a read before the write.
 */
@Component
public class ArticleProjection {

    /** Longer than any slug article-service makes; a longer one is not worth waiting for. */
    static final int MAX_SLUG_LENGTH = 512;

    private final ReactiveMongoTemplate mongo;
    private final CommentServiceProperties.ArticleLookup lookup;

    ArticleProjection(ReactiveMongoTemplate mongo, CommentServiceProperties properties) {
        this.mongo = mongo;
        this.lookup = properties.articleLookup();
    }

    /**
     * Records a published or updated article, unless a newer event, this same event or the article's
     * deletion was applied already. Emits whether anything changed.
     */
    public Mono<Boolean> changed(
            String eventId, String articleId, String slug, String title, String authorId, Instant updatedAt) {
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
                .set("authorId", authorId)
                .set("deleted", false)
                .set("changedAt", updatedAt)
                .set("lastEventId", eventId);
        return applyIf(current, update);
    }

    /**
     * Marks the article deleted, whether or not its earlier events were seen. Deletion is final:
     * nothing that arrives afterwards, however it is dated, changes the article again.
     */
    public Mono<Boolean> deleted(String eventId, String articleId, String slug, String authorId, Instant deletedAt) {
        Query notDeleted = new Query(where("_id").is(articleId).and("deleted").ne(true));
        Update update = new Update()
                .set("slug", slug)
                .set("authorId", authorId)
                .set("deleted", true)
                .set("changedAt", deletedAt)
                .set("lastEventId", eventId);
        return applyIf(notDeleted, update);
    }

    private Mono<Boolean> applyIf(Query condition, Update update) {
        return mongo.upsert(condition, update, Article.class)
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, staleOrRepeated -> Mono.just(false));
    }

    /**
     * The live article with this slug, or a 404 {@code article: not found}.
     *
     * <p>The projection follows article-service through Kafka, so it may lag the article by a few
     * milliseconds: a client that publishes an article and comments on it at once would otherwise get
     * a 404 for an article it has just seen created. A slug the projection does not know at all is
     * therefore looked up again every {@code interval} for up to {@code maxWait} (default 2 s) before
     * the answer is 404. The waiting is a Reactor timer, not a blocked thread. A slug known as
     * deleted is answered at once: it will not come back.
     */
    public Mono<Article> live(String slug) {
        if (slug == null || slug.isBlank() || slug.length() > MAX_SLUG_LENGTH) {
            return Mono.error(ApiException.notFound("article"));
        }
        return withSlug(slug)
                .repeatWhenEmpty(this::whileUnknown)
                .filter(article -> !article.deleted())
                .switchIfEmpty(Mono.error(ApiException.notFound("article")));
    }

    /** The articles with these ids that this service knows, live or deleted, by id. */
    public Mono<Map<String, Article>> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.find(new Query(where("_id").in(ids)), Article.class).collectMap(Article::id);
    }

    /** The live article with this slug if there is one, else a deleted one, else nothing. */
    private Mono<Article> withSlug(String slug) {
        Query query = new Query(where("slug").is(slug)).with(Sort.by("deleted")).limit(1);
        return mongo.findOne(query, Article.class);
    }

    private Publisher<?> whileUnknown(Flux<Long> misses) {
        return misses.take(lookup.retries()).delayElements(lookup.interval());
    }
}
