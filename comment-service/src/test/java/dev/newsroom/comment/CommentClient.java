package dev.newsroom.comment;

import dev.newsroom.platform.security.TestTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Calls the comment endpoints as a client would, for tests that need many comments set up. */
public final class CommentClient {

    private final WebTestClient web;

    public CommentClient(WebTestClient web) {
        this.web = web;
    }

    /** Posts a comment (a reply when {@code parentId} is not null) and returns its id. */
    public long post(String slug, TestTokens.User user, String body, Long parentId) {
        return ((Number) postForComment(slug, user, body, parentId).get("id")).longValue();
    }

    public long post(String slug, TestTokens.User user, String body) {
        return post(slug, user, body, null);
    }

    public Map<?, ?> postForComment(String slug, TestTokens.User user, String body, Long parentId) {
        Map<?, ?> response = post(slug, user, comment(body, parentId))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (Map<?, ?>) response.get("comment");
    }

    public WebTestClient.ResponseSpec post(String slug, TestTokens.User user, Object request) {
        return web.post()
                .uri("/api/articles/{slug}/comments", slug)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange();
    }

    public static Map<String, Object> comment(String body, Long parentId) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", body);
        if (parentId != null) {
            comment.put("parentId", parentId);
        }
        return Map.of("comment", comment);
    }

    public WebTestClient.ResponseSpec delete(String slug, long id, TestTokens.User user) {
        return web.delete()
                .uri("/api/articles/{slug}/comments/{id}", slug, id)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .exchange();
    }

    public WebTestClient.ResponseSpec edit(String slug, Object id, TestTokens.User user, Object request) {
        return web.put()
                .uri("/api/articles/{slug}/comments/{id}", slug, id)
                .header(HttpHeaders.AUTHORIZATION, user.authorization())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange();
    }

    /** The full RealWorld list. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String slug) {
        return (List<Map<String, Object>>)
                get("/api/articles/{slug}/comments", slug).get("comments");
    }

    /** The whole body of a GET that must answer 200. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(String uri, Object... variables) {
        return web.get()
                .uri(uri, variables)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    public static long id(Map<?, ?> comment) {
        return ((Number) comment.get("id")).longValue();
    }

    public static List<Long> ids(List<Map<String, Object>> comments) {
        return comments.stream().map(CommentClient::id).toList();
    }
}
