package dev.newsroom.article;

import dev.newsroom.article.article.Article;
import dev.newsroom.platform.security.TestTokens;
import java.util.Map;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Articles made through the API for the event tests, and their ids as stored. */
public final class TestArticles {

    private TestArticles() {}

    /** Publishes an article by {@code author} and answers its slug. */
    public static String create(WebTestClient web, TestTokens.User author, String title) {
        Map<?, ?> created = as(author, web.post().uri("/api/articles"))
                .bodyValue(Map.of("article", Map.of("title", title, "description", "d", "body", "b")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) ((Map<?, ?>) created.get("article")).get("slug");
    }

    /** The stored id of the article with {@code slug}: the key of its events. */
    public static String idOf(ReactiveMongoTemplate mongo, String slug) {
        return mongo.findOne(new Query(Criteria.where("slug").is(slug)), Article.class)
                .map(Article::id)
                .block();
    }

    /** {@code request}, signed in as {@code user}. */
    public static <S extends WebTestClient.RequestHeadersSpec<?>> S as(TestTokens.User user, S request) {
        request.header(HttpHeaders.AUTHORIZATION, user.authorization());
        return request;
    }
}
