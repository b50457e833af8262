package dev.newsroom.comment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.comment.article.Article;
import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays article-service: publishes article events to {@code newsroom.articles.v1} with a plain
 * producer, CloudEvents headers and data that matches the published contracts.
 */
public final class Articles implements AutoCloseable {

    public static final String TOPIC = "newsroom.articles.v1";
    public static final String PUBLISHED = "newsroom.article.published.v1";
    public static final String UPDATED = "newsroom.article.updated.v1";
    public static final String DELETED = "newsroom.article.deleted.v1";
    public static final String WITHDRAWN = "newsroom.article.withdrawn.v1";

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger counter = new AtomicInteger();

    private final TopicWriter writer = new TopicWriter("/newsroom/article-service");
    private final ReactiveMongoTemplate mongo;

    public Articles(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** An article as article-service would describe it; {@code createdAt} is when it was published. */
    public record TestArticle(String id, String slug, String authorId, Instant createdAt) {}

    /** A new article no other test knows, by {@code authorId}; nothing is published yet. */
    public static TestArticle newArticle(String authorId) {
        String id = UUID.randomUUID().toString();
        return new TestArticle(
                id,
                "story-" + counter.incrementAndGet() + "-" + id.substring(0, 8),
                authorId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Publishes a new article by {@code authorId} and waits until comment-service knows it. */
    public TestArticle live(String authorId) {
        TestArticle article = newArticle(authorId);
        published(article);
        awaitProjected(article.id(), projected -> !projected.deleted());
        return article;
    }

    public String published(TestArticle article) {
        return send(
                null, article.id(), PUBLISHED, UUID.randomUUID().toString(), snapshot(article, article.createdAt()));
    }

    public String updated(TestArticle article, Instant updatedAt) {
        return send(null, article.id(), UPDATED, UUID.randomUUID().toString(), snapshot(article, updatedAt));
    }

    public String deleted(TestArticle article, Instant deletedAt) {
        return send(null, article.id(), DELETED, UUID.randomUUID().toString(), deletion(article, deletedAt));
    }

    public String withdrawn(TestArticle article, Instant withdrawnAt) {
        return send(null, article.id(), WITHDRAWN, UUID.randomUUID().toString(), withdrawal(article, withdrawnAt));
    }

    /** The data of a published or updated event with {@code updatedAt}. */
    public static String snapshot(TestArticle article, Instant updatedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("slug", article.slug());
        data.put("title", "A story");
        data.put("description", "About something");
        data.put("body", "It happened.");
        data.put("tagList", List.of("news"));
        data.put("authorId", article.authorId());
        data.put("createdAt", article.createdAt().toString());
        data.put("updatedAt", updatedAt.toString());
        String json = JsonMapper.shared().writeValueAsString(data);
        EventContracts.assertValid(PUBLISHED, json);
        return json;
    }

    public static String deletion(TestArticle article, Instant deletedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("slug", article.slug());
        data.put("authorId", article.authorId());
        data.put("deletedAt", deletedAt.toString());
        String json = JsonMapper.shared().writeValueAsString(data);
        EventContracts.assertValid(DELETED, json);
        return json;
    }

    public static String withdrawal(TestArticle article, Instant withdrawnAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("slug", article.slug());
        data.put("authorId", article.authorId());
        data.put("withdrawnAt", withdrawnAt.toString());
        String json = JsonMapper.shared().writeValueAsString(data);
        EventContracts.assertValid(WITHDRAWN, json);
        return json;
    }

    /**
     * Sends one record as article-service's relay does, to {@code partition} (null: the key's
     * partition); returns the {@code ce_id}. Tests that must know when the consumer has passed a
     * record send it and a later marker record to the same partition.
     */
    public String send(Integer partition, String key, String type, String ceId, String data) {
        return writer.send(TOPIC, partition, key, type, ceId, data);
    }

    /** The projected article once {@code condition} holds; fails the test after a generous wait. */
    public Article awaitProjected(String articleId, Predicate<Article> condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        Article projected = null;
        while (System.nanoTime() < end) {
            projected = projected(articleId);
            if (projected != null && condition.test(projected)) {
                return projected;
            }
            sleep(50);
        }
        assertThat(projected)
                .as("article %s in comment-service's projection", articleId)
                .isNotNull()
                .matches(condition);
        return projected;
    }

    public Article projected(String articleId) {
        return mongo.findById(articleId, Article.class).block();
    }

    /** Publishes a new article to partition 0 and waits for it: everything sent there before is consumed. */
    public void awaitMarkerOnPartitionZero() {
        TestArticle marker = newArticle(UUID.randomUUID().toString());
        send(0, marker.id(), PUBLISHED, UUID.randomUUID().toString(), snapshot(marker, Instant.now()));
        awaitProjected(marker.id(), found -> true);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
