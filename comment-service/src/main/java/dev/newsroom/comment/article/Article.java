package dev.newsroom.comment.article;

import dev.newsroom.platform.projection.Projected;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What comment-service knows of an article, built from {@code newsroom.articles.v1}: enough to
 * resolve a slug, to let the article's author remove comments under it, and to refuse comments once
 * it is deleted or withdrawn (both are {@code deleted} here). A deleted article stays as a tombstone,
 * so that an older event arriving late cannot bring it back.
 *
 * @param id the article's immutable id
 * @param title its title, for the moderators' queue (absent in projections older than that)
 * @param changedAt the {@code updatedAt} (or {@code deletedAt}, {@code withdrawnAt}) of the last event applied
 * @param lastEventId the {@code ce_id} of the last event applied
 */
@Document(Article.COLLECTION)
public record Article(
        @Id String id,
        String slug,
        String title,
        String authorId,
        boolean deleted,
        Instant changedAt,
        String lastEventId)
        implements Projected {

    public static final String COLLECTION = "articles";
}
