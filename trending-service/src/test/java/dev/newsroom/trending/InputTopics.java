package dev.newsroom.trending;

import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays article-service and comment-service: publishes their events with a plain producer,
 * CloudEvents headers and data that validates against the published contracts (where a schema
 * exists), keyed by article id.
 */
public final class InputTopics implements AutoCloseable {

    public static final String ARTICLES = "newsroom.articles.v1";
    public static final String VIEWS = "newsroom.article-views.v1";
    public static final String COMMENTS = "newsroom.comments.v1";

    private static final AtomicInteger counter = new AtomicInteger();

    private final TopicWriter writer = new TopicWriter("/newsroom/test");

    /** An article no other test knows, with one tag of its own beside {@code tags}. */
    public record TestArticle(String id, String slug, String tag, List<String> tags, Instant createdAt) {}

    public static TestArticle newArticle(String tag) {
        String id = UUID.randomUUID().toString();
        return new TestArticle(
                id,
                "story-" + counter.incrementAndGet() + "-" + id.substring(0, 8),
                tag,
                List.of(tag, "news"),
                Instant.now());
    }

    /** A tag no other test uses, so a test can read its own ranking. */
    public static String newTag() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void published(TestArticle article) {
        send(
                ARTICLES,
                article.id(),
                "newsroom.article.published.v1",
                snapshot(article, "A story", article.createdAt()));
    }

    public void updated(TestArticle article, String title) {
        send(ARTICLES, article.id(), "newsroom.article.updated.v1", snapshot(article, title, Instant.now()));
    }

    public void deleted(TestArticle article) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("slug", article.slug());
        data.put("authorId", UUID.randomUUID().toString());
        data.put("deletedAt", Instant.now().toString());
        send(ARTICLES, article.id(), "newsroom.article.deleted.v1", valid("newsroom.article.deleted.v1", data));
    }

    public void withdrawn(TestArticle article) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("slug", article.slug());
        data.put("authorId", UUID.randomUUID().toString());
        data.put("withdrawnAt", Instant.now().toString());
        send(ARTICLES, article.id(), "newsroom.article.withdrawn.v1", valid("newsroom.article.withdrawn.v1", data));
    }

    public void favorited(TestArticle article, String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("userId", userId);
        data.put("favoritedAt", Instant.now().toString());
        send(ARTICLES, article.id(), "newsroom.article.favorited.v1", valid("newsroom.article.favorited.v1", data));
    }

    public void unfavorited(TestArticle article, String userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("userId", userId);
        data.put("unfavoritedAt", Instant.now().toString());
        send(ARTICLES, article.id(), "newsroom.article.unfavorited.v1", valid("newsroom.article.unfavorited.v1", data));
    }

    /** Returns the ce_id, so a test can send the very same event again. */
    public String viewed(TestArticle article, String viewerKey, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("viewerKey", viewerKey);
        data.put("viewedAt", at.toString());
        return send(VIEWS, article.id(), "newsroom.article.viewed.v1", valid("newsroom.article.viewed.v1", data));
    }

    public void commentPosted(TestArticle article, long commentId, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commentId", commentId);
        data.put("articleId", article.id());
        data.put("authorId", UUID.randomUUID().toString());
        data.put("body", "A comment");
        data.put("createdAt", Instant.now().toString());
        if (status != null) {
            data.put("status", status);
        }
        send(COMMENTS, article.id(), "newsroom.comment.posted.v1", json(data));
    }

    public void commentDeleted(TestArticle article, long commentId, boolean wasPublished) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commentId", commentId);
        data.put("articleId", article.id());
        data.put("deletedBy", UUID.randomUUID().toString());
        data.put("deletedAt", Instant.now().toString());
        data.put("createdAt", Instant.now().toString());
        data.put("wasPublished", wasPublished);
        send(COMMENTS, article.id(), "newsroom.comment.deleted.v1", json(data));
    }

    public void commentModerated(TestArticle article, long commentId, String decision, String previousStatus) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commentId", commentId);
        data.put("articleId", article.id());
        data.put("authorId", UUID.randomUUID().toString());
        data.put("decision", decision);
        data.put("previousStatus", previousStatus);
        data.put("reasons", List.of());
        data.put("moderatorId", null);
        data.put("createdAt", Instant.now().toString());
        data.put("moderatedAt", Instant.now().toString());
        send(COMMENTS, article.id(), "newsroom.comment.moderated.v1", json(data));
    }

    private static String snapshot(TestArticle article, String title, Instant updatedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("articleId", article.id());
        data.put("slug", article.slug());
        data.put("title", title);
        data.put("description", "About something");
        data.put("body", "It happened.");
        data.put("tagList", article.tags());
        data.put("authorId", "6f1c2d9e-4b1a-4f0e-9a57-3c2b8d7e1f20");
        data.put("createdAt", article.createdAt().toString());
        data.put("updatedAt", updatedAt.toString());
        return valid("newsroom.article.published.v1", data);
    }

    private static String valid(String type, Map<String, Object> data) {
        String json = json(data);
        EventContracts.assertValid(type, json);
        return json;
    }

    private static String json(Map<String, Object> data) {
        return JsonMapper.shared().writeValueAsString(data);
    }

    public String send(String topic, String key, String type, String data) {
        return send(topic, key, type, UUID.randomUUID().toString(), data);
    }

    /** Sends one record as the producers' relays do; returns the ce_id. */
    public String send(String topic, String key, String type, String ceId, String data) {
        return writer.send(topic, null, key, type, ceId, data);
    }

    @Override
    public void close() {
        writer.close();
    }
}
