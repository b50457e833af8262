package dev.newsroom.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.assistant.article.ArticleText;
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
 * producer, CloudEvents headers and data that validates against the published contracts.
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
    public record TestArticle(String id, String slug, String title, String body, Instant createdAt) {

        public TestArticle withBody(String newBody) {
            return new TestArticle(id, slug, title, newBody, createdAt);
        }
    }

    /** A new article no other test knows; nothing is published yet. */
    public static TestArticle newArticle(String title, String body) {
        String id = UUID.randomUUID().toString();
        return new TestArticle(
                id,
                "story-" + counter.incrementAndGet() + "-" + id.substring(0, 8),
                title,
                body,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Publishes a new article and waits until assistant-service has its text. */
    public TestArticle live(String title, String body) {
        TestArticle article = newArticle(title, body);
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

    /** The data of a published or updated event with {@code updatedAt}. */
    public static String snapshot(TestArticle article, Instant updatedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("slug", article.slug());
        data.put("title", article.title());
        data.put("description", "About something");
        data.put("body", article.body());
        data.put("tagList", List.of("news"));
        data.put("authorId", UUID.randomUUID().toString());
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
        data.put("authorId", UUID.randomUUID().toString());
        data.put("deletedAt", deletedAt.toString());
        String json = JsonMapper.shared().writeValueAsString(data);
        EventContracts.assertValid(DELETED, json);
        return json;
    }

    public static String withdrawal(TestArticle article, Instant withdrawnAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("slug", article.slug());
        data.put("authorId", UUID.randomUUID().toString());
        data.put("withdrawnAt", withdrawnAt.toString());
        String json = JsonMapper.shared().writeValueAsString(data);
        EventContracts.assertValid(WITHDRAWN, json);
        return json;
    }

    /**
     * Sends one record as article-service's relay does, to {@code partition} (null: the key's
     * partition); returns the {@code ce_id}.
     */
    public String send(Integer partition, String key, String type, String ceId, String data) {
        return writer.send(TOPIC, partition, key, type, ceId, data);
    }

    /** The projected article once {@code condition} holds; fails the test after a generous wait. */
    public ArticleText awaitProjected(String articleId, Predicate<ArticleText> condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        ArticleText projected = null;
        while (System.nanoTime() < end) {
            projected = projected(articleId);
            if (projected != null && condition.test(projected)) {
                return projected;
            }
            sleep(50);
        }
        assertThat(projected)
                .as("article %s in assistant-service's projection", articleId)
                .isNotNull()
                .matches(condition);
        return projected;
    }

    public ArticleText projected(String articleId) {
        return mongo.findById(articleId, ArticleText.class).block();
    }

    /** Publishes a new article to partition 0 and waits for it: everything sent there before is consumed. */
    public void awaitMarkerOnPartitionZero() {
        TestArticle marker = newArticle("Marker", "Nothing to see.");
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
