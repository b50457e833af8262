package dev.newsroom.article.article;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * That one user favourited one article. Its id is {@code articleId:userId}, so favouriting twice
 * cannot make a second one; the count lives on the article, which stays small however popular.
 */
@Document(Favorite.COLLECTION)
public record Favorite(@Id String id, String articleId, String userId, Instant createdAt) {

    public static final String COLLECTION = "favorites";

    public static String idOf(String articleId, String userId) {
        return articleId + ":" + userId;
    }
}
