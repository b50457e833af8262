package dev.newsroom.comment.web;

import dev.newsroom.comment.Articles;
import dev.newsroom.comment.Articles.TestArticle;
import dev.newsroom.comment.CommentClient;
import dev.newsroom.comment.CommentServiceTest;
import dev.newsroom.platform.security.NewsroomClaims;
import dev.newsroom.platform.security.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@CommentServiceTest
class CommentCountsApiTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    Articles articles;
    CommentClient comments;

    @BeforeEach
    void setUp() {
        articles = new Articles(mongo);
        comments = new CommentClient(web);
    }

    @AfterEach
    void tearDown() {
        articles.close();
    }

    @Test
    void countsLiveCommentsOfEachArticleAndZeroForUnknownOnes() {
        TestTokens.User reader = TestTokens.newUser();
        TestArticle busy = articles.live(reader.id());
        TestArticle quiet = articles.live(reader.id());
        long first = comments.post(busy.slug(), reader, "One");
        comments.post(busy.slug(), reader, "Two", first);
        long deleted = comments.post(busy.slug(), reader, "Three");
        comments.delete(busy.slug(), deleted, reader).expectStatus().isNoContent();
        comments.delete(busy.slug(), first, reader).expectStatus().isNoContent();
        String unknown = UUID.randomUUID().toString();

        counts(Map.of("articleIds", List.of(busy.id(), quiet.id(), unknown, busy.id())))
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"counts\":{\"" + busy.id() + "\":1,\"" + quiet.id() + "\":0,\"" + unknown + "\":0}}", true);
        counts(Map.of("articleIds", List.of()))
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"counts\":{}}", true);
    }

    @Test
    void moreThanAHundredIdsAnswer422() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add(UUID.randomUUID().toString());
        }

        counts(Map.of("articleIds", ids))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"articleIds\":[\"are too many (maximum is 100)\"]}}", true);
        counts(Map.of("articleIds", ids.subList(0, 100))).expectStatus().isOk();
    }

    @Test
    void missingOrMalformedRequestsAnswer422() {
        for (String request : List.of("{}", "{\"articleIds\":null}")) {
            counts(request)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"articleIds\":[\"can't be blank\"]}}", true);
        }
        counts("{\"articleIds\":[\"a\",null]}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"articleIds\":[\"must not contain blank ids\"]}}", true);
        for (String malformed : List.of("{\"articleIds\":", "{\"articleIds\":\"a\"}", "{\"articleIds\":[{}]}", "[]")) {
            counts(malformed)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.errors")
                    .exists();
        }
    }

    @Test
    void theCountsAnswerOnlyAServiceTokenNotAUsersNorAnExpiredOrForgedOne() {
        Map<String, Object> request = Map.of("articleIds", List.of("any"));
        for (String authorization : new String[] {
            null,
            TestTokens.newUser().authorization(),
            TestTokens.moderator().authorization(),
            TestTokens.editor().authorization(),
            "Bearer " + TestTokens.forgedService(),
            "Bearer "
                    + TestTokens.service(
                            "gateway", "newsroom-api", NewsroomClaims.INTERNAL, java.time.Duration.ofMinutes(5)),
            "Bearer "
                    + TestTokens.service(
                            "gateway",
                            NewsroomClaims.INTERNAL_AUDIENCE,
                            NewsroomClaims.INTERNAL,
                            java.time.Duration.ofMinutes(-10))
        }) {
            web.post()
                    .uri("/internal/comments/counts")
                    .headers(headers -> {
                        if (authorization != null) {
                            headers.set(HttpHeaders.AUTHORIZATION, authorization);
                        }
                    })
                    .bodyValue(request)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.errors.token[0]")
                    .exists();
        }
        web.post()
                .uri("/internal/comments/counts")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.serviceAuthorization())
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private WebTestClient.ResponseSpec counts(Object request) {
        return web.post()
                .uri("/internal/comments/counts")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.serviceAuthorization())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange();
    }
}
