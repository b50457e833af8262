package dev.newsroom.assistant.article;

import dev.newsroom.platform.projection.Projected;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The text of one article, as assistant-service keeps it from {@code newsroom.articles.v1}: all
 * that questions are answered from. A deleted article keeps only this tombstone, without its text,
 * so that an older event arriving late cannot bring it back.
 *
 * @param id the article's immutable id
 * @param title the title, or null once deleted
 * @param body the Markdown body passages are cut from, or null once deleted
 * @param changedAt the {@code updatedAt} (or {@code deletedAt}) of the last event applied
 * @param lastEventId the {@code ce_id} of the last event applied
 */
@Document(ArticleText.COLLECTION)
public record ArticleText(
        @Id String id, String slug, String title, String body, boolean deleted, Instant changedAt, String lastEventId)
        implements Projected {

    public static final String COLLECTION = "articles";
}
