package dev.newsroom.article.article;

import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An article. Its author is stored by immutable user id; the slug is fixed when it is published so
 * links never break. {@code bodyHtml} is rendered and sanitised once, when the body is written.
 * A deleted article stays as a tombstone ({@code deleted}) until the relay has published its
 * deletion from {@code outbox}; no read returns it.
 */
@Document(Article.COLLECTION)
public record Article(
        @Id String id,
        String slug,
        String title,
        String description,
        String body,
        String bodyHtml,
        List<String> tagList,
        String authorId,
        List<Label> labels,
        Source source,
        String coverImage,
        long favoritesCount,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        List<OutboxEvent> outbox) {

    public static final String COLLECTION = "articles";

    public Article {
        tagList = tagList == null ? List.of() : List.copyOf(tagList);
        labels = labels == null ? List.of() : List.copyOf(labels);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** A new article by {@code authorId} as {@code input} describes it, with nothing in its outbox. */
    static Article created(String id, String slug, String authorId, ArticleInput input, String bodyHtml, Instant now) {
        return new Article(
                id,
                slug,
                input.title(),
                input.description(),
                input.body(),
                bodyHtml,
                input.tagList(),
                authorId,
                input.labels(),
                input.source(),
                input.coverImage(),
                0,
                now,
                now,
                false,
                List.of());
    }

    /**
     * This article as it is after {@code input}: the fields it names change ({@code bodyHtml} is the
     * rendering of the body after it), the others stay; the slug and createdAt never change.
     */
    Article edited(ArticleInput input, String bodyHtml, Instant now) {
        return new Article(
                id,
                slug,
                input.has("title") ? input.title() : title,
                input.has("description") ? input.description() : description,
                input.has("body") ? input.body() : body,
                bodyHtml,
                input.has("tagList") ? input.tagList() : tagList,
                authorId,
                input.has("labels") ? input.labels() : labels,
                input.has("source") ? input.source() : source,
                input.has("coverImage") ? input.coverImage() : coverImage,
                favoritesCount,
                createdAt,
                now,
                false,
                outbox);
    }

    Article withOutbox(List<OutboxEvent> outbox) {
        return new Article(
                id,
                slug,
                title,
                description,
                body,
                bodyHtml,
                tagList,
                authorId,
                labels,
                source,
                coverImage,
                favoritesCount,
                createdAt,
                updatedAt,
                deleted,
                outbox);
    }

    /** An editorial label such as "Breaking news"; past {@code expiresAt} it no longer shows. */
    public record Label(String name, Instant expiresAt) {

        public boolean showsAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    /** Where the story comes from, when it is not the author's own reporting. */
    public record Source(String name, String url) {}

    /** The labels a reader sees at {@code now}. */
    public List<Label> labelsShownAt(Instant now) {
        return labels.stream().filter(label -> label.showsAt(now)).toList();
    }
}
